import APIModel
import Foundation
import Testing
@testable import Jobs

/// What taking over an owner's unfinished jobs does with each, from the stored jobs alone.
@Suite struct RecoveryTests {
    static let recording = JobLedger.json(RecordingRequest(room: "r", liveComposite: true))
    static let render = JobLedger.json(RenderRequest(uploadId: "u1"))

    static func job(_ kind: JobKind, _ state: JobState, settings: String, attempts: Int = 0) -> Job {
        var job = Job(id: "j-\(kind.rawValue)-\(state.rawValue)", kind: kind, state: state, settings: settings, createdAt: 1)
        var result = JobResult()
        result.renderAttempts = attempts
        job.result = JobLedger.json(result)
        return job
    }

    enum Expected: Equatable { case giveUp, start, abort, resume, complete(interrupt: Bool, readable: Bool), rerender(interrupt: Bool), skip }

    static func kind(of step: Recovery.Step) -> Expected {
        switch step {
        case .giveUp: .giveUp
        case .start: .start
        case .abort: .abort
        case .resume: .resume
        case let .complete(_, spec, interrupt): .complete(interrupt: interrupt, readable: spec != nil)
        case let .rerender(_, _, interrupt): .rerender(interrupt: interrupt)
        case .skip: .skip
        }
    }

    @Test(arguments: [
        (JobKind.recording, JobState.queued, recording, 0, Expected.start),
        (.recording, .starting, recording, 0, .abort),
        (.recording, .active, recording, 0, .complete(interrupt: true, readable: true)),
        (.recording, .stopping, recording, 0, .complete(interrupt: true, readable: true)),
        (.recording, .processing, recording, 1, .complete(interrupt: true, readable: true)),
        (.recording, .interrupted, recording, 0, .complete(interrupt: false, readable: true)),
        (.recording, .active, "{not json", 0, .complete(interrupt: true, readable: false)),
        (.recording, .queued, "{not json", 0, .skip),
        (.recording, .processing, recording, 2, .giveUp),
        (.render, .queued, render, 0, .rerender(interrupt: false)),
        (.render, .processing, render, 1, .rerender(interrupt: true)),
        (.render, .interrupted, render, 0, .rerender(interrupt: false)),
        (.render, .processing, render, 2, .giveUp),
        (.render, .queued, "[]", 0, .skip),
    ] as [(JobKind, JobState, String, Int, Expected)])
    func eachUnfinishedJobHasOneStep(kind: JobKind, state: JobState, settings: String, attempts: Int, expected: Expected) {
        let steps = Recovery.plan([Self.job(kind, state, settings: settings, attempts: attempts)])
        #expect(steps.map(Self.kind) == [expected])
    }

    @Test func aQueuedRecordingStartsWithItsStoredRequest() throws {
        guard case let .start(job, spec) = Recovery.plan([Self.job(.recording, .queued, settings: Self.recording)]).first else {
            Issue.record("not started")
            return
        }
        #expect(job.id == "j-recording-queued" && spec.room == "r" && spec.liveComposite && spec.source == .whip)
    }

    static let room = JobLedger.json(RecordingRequest(room: "r", source: .init(type: "room"), liveComposite: true))
    static let whep = JobLedger.json(RecordingRequest(room: "r", source: .init(type: "whep", url: "http://camera.example/whep")))

    /// Jobs of a lost node: a recording that was running goes on where its source can be joined again.
    @Test(arguments: [
        (JobState.active, recording, Expected.resume),
        (.active, whep, .resume),
        (.active, room, .resume),
        (.active, "{not json", .complete(interrupt: true, readable: false)),
        (.stopping, recording, .complete(interrupt: true, readable: true)),
        (.processing, recording, .complete(interrupt: true, readable: true)),
        (.queued, recording, .start),
        (.starting, recording, .abort),
    ] as [(JobState, String, Expected)])
    func aLostNodesRecordingGoesOnWhereItsSourceAllows(state: JobState, settings: String, expected: Expected) {
        let steps = Recovery.plan([Self.job(.recording, state, settings: settings)], resumable: true)
        #expect(steps.map(Self.kind) == [expected])
    }
}
