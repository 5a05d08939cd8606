import Testing
@testable import Jobs

@Suite struct JobStateMachineTests {
    @Test(arguments: [
        (JobKind.recording, [JobState.queued, .starting, .active, .stopping, .processing, .completed]),
        (.render, [.queued, .starting, .processing, .completed]),
        (.recording, [.queued, .starting, .active, .limitReached]),
        (.recording, [.queued, .starting, .active, .stopping, .processing, .limitReached]),
        (.recording, [.queued, .starting, .active, .interrupted, .processing, .completed]),
        (.recording, [.queued, .starting, .active, .stopping, .aborted]),
        (.render, [.queued, .starting, .processing, .interrupted, .processing, .failed]),
    ])
    func lifecyclesThatMayHappen(kind: JobKind, path: [JobState]) {
        for (from, to) in zip(path, path.dropFirst()) {
            #expect(JobStateMachine.allows(kind, from: from, to: to), "\(kind) \(from) → \(to)")
        }
    }

    @Test(arguments: [
        (JobKind.recording, JobState.queued, JobState.completed),
        (.recording, .completed, .failed),
        (.recording, .failed, .queued),
        (.render, .starting, .active),
        (.recording, .active, .active),
        (.recording, .aborted, .processing),
        (.recording, .queued, .processing),
        (.render, .processing, .limitReached),
    ])
    func transitionsThatAreBugs(kind: JobKind, from: JobState, to: JobState) {
        #expect(!JobStateMachine.allows(kind, from: from, to: to))
    }

    /// Every state that is not final can fail, and every final state is a dead end.
    @Test func everyStateHasAWayOut() {
        for state in JobState.allCases {
            #expect(state.isFinal != JobStateMachine.allows(.recording, from: state, to: .failed), "\(state)")
            #expect(!JobState.allCases.contains { state.isFinal && JobStateMachine.allows(.render, from: state, to: $0) })
        }
    }
}
