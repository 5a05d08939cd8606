import Testing
@testable import Jobs

/// How a recording's run ended → its final state, reason and message.
@Suite struct JobOutcomeTests {
    static let diskFull = RunEnding.failed(reason: "disk_full", message: "free disk space fell below the floor")

    @Test(arguments: [
        (RunEnding.stopped("stopped by request"), true, nil, JobState.completed, nil),
        (.stopped("server shutdown"), true, nil, .completed, nil),
        (.limit("maxBytes 10 reached"), true, nil, .limitReached, "maxBytes 10 reached"),
        (.stopped("stopped by request"), false, nil, .aborted, "no media arrived before the recording stopped"),
        (.limit("maxDurationSeconds 5.0 reached"), false, nil, .aborted, "no media arrived before the recording stopped"),
        (diskFull, true, nil, .failed, "disk_full"),
        (diskFull, false, nil, .failed, "disk_full"),
        (diskFull, true, "encoder gone", .failed, "disk_full"),
        (.stopped("stopped by request"), true, "encoder gone", .failed, "render_failed"),
        (.limit("maxBytes 10 reached"), true, "encoder gone", .failed, "render_failed"),
        (.stopped("stopped by request"), false, "encoder gone", .aborted, "no media arrived before the recording stopped"),
    ] as [(RunEnding, Bool, String?, JobState, String?)])
    func outcomes(ending: RunEnding, hadMedia: Bool, renderFailure: String?, state: JobState, reason: String?) {
        let outcome = JobOutcome.of(ending, hadMedia: hadMedia, renderFailure: renderFailure)
        #expect(outcome.state == state && outcome.reason == reason, "\(outcome)")
    }

    @Test func messagesSayWhatIsKept() {
        #expect(JobOutcome.of(Self.diskFull, hadMedia: true, renderFailure: nil).message == "free disk space fell below the floor")
        #expect(JobOutcome.of(.stopped("x"), hadMedia: true, renderFailure: "encoder gone").message == "rendering failed: encoder gone; the dump is kept")
        #expect(JobOutcome.of(.stopped("x"), hadMedia: true, renderFailure: nil).message == nil)
    }

    @Test func endingsTellTheirTracksWhy() {
        #expect(RunEnding.stopped("a").text == "a" && RunEnding.limit("b").text == "b" && Self.diskFull.text == "free disk space fell below the floor")
        #expect(Self.diskFull.isFailure && !RunEnding.limit("b").isFailure)
    }
}
