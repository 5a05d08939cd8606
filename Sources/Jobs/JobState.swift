/// Where a job is in its life (docs/api.md lists the states). Every
/// state has a way out, so no job can be stuck: `queued → starting → active
/// → stopping → processing → completed`, or one of the endings.
public enum JobState: String, Codable, CaseIterable, Sendable {
    case queued, starting, active, stopping, processing, completed
    /// Ended with a machine-readable reason and a human message.
    case failed
    /// Stopped before any media arrived: nothing to keep.
    case aborted
    /// The maximum duration or size was hit; what was recorded up to then is kept and completed.
    case limitReached = "limit_reached"
    /// Found unfinished after a crash; its dump is rendered and it completes.
    case interrupted

    /// No transition leaves these.
    public var isFinal: Bool { [.completed, .failed, .aborted, .limitReached].contains(self) }
}

/// The two kinds of job: a live recording of a room, or a batch render of a stored dump.
public enum JobKind: String, Codable, Sendable {
    case recording, render
}

/// Which state changes are legal. An illegal one is a bug in the caller: it
/// is refused (and logged by whoever asked), never applied.
public enum JobStateMachine {
    public static func allows(_ kind: JobKind, from: JobState, to: JobState) -> Bool {
        guard !from.isFinal, from != to else { return false }
        switch (from, to) {
        case (_, .failed): return true
        case (.queued, .starting), (.queued, .aborted): return true
        case (.starting, .active): return kind == .recording
        case (.starting, .processing): return kind == .render  // a render has no live phase
        case (.starting, .aborted): return true
        case (.active, .stopping), (.active, .limitReached), (.active, .interrupted): return kind == .recording
        case (.stopping, .processing), (.stopping, .aborted), (.stopping, .interrupted): return kind == .recording
        case (.processing, .completed), (.processing, .interrupted): return true
        // A limit ends the recording; its file is finished before the job ends as limit_reached.
        case (.processing, .limitReached): return kind == .recording
        case (.interrupted, .processing): return true
        default: return false
        }
    }
}

/// A refused state change, with what was asked.
public struct IllegalTransition: Error, Equatable, Sendable, CustomStringConvertible {
    public var kind: JobKind
    public var from: JobState
    public var to: JobState

    public init(kind: JobKind, from: JobState, to: JobState) {
        self.kind = kind
        self.from = from
        self.to = to
    }

    public var description: String { "illegal job transition for a \(kind.rawValue) job: \(from.rawValue) → \(to.rawValue)" }
}
