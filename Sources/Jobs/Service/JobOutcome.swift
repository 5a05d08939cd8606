/// How a recording's run ended, as the service saw it.
enum RunEnding: Equatable, Sendable {
    /// Stopped by request, by the room emptying, by shutdown, by the source ending.
    case stopped(String)
    /// A limit of the job's own (duration, bytes).
    case limit(String)
    /// Something broke (the disk floor, the dump writer): `reason` is the machine-readable code.
    case failed(reason: String, message: String)

    /// What the recording's tracks are told when they end.
    var text: String {
        switch self {
        case let .stopped(text), let .limit(text): text
        case let .failed(_, message): message
        }
    }

    var isFailure: Bool { if case .failed = self { true } else { false } }
}

/// A recording's final state from how its run ended, whether any media
/// arrived, and whether making its file failed. Pure: see `JobOutcomeTests`.
struct JobOutcome: Equatable, Sendable {
    let state: JobState
    let reason: String?
    let message: String?

    static func of(_ ending: RunEnding, hadMedia: Bool, renderFailure: String?) -> JobOutcome {
        switch ending {
        case let .failed(code, message):
            // A failure is reported as itself, media or not: the dump (and the file up to here) are kept.
            return JobOutcome(state: .failed, reason: code, message: message)
        case _ where !hadMedia:
            return JobOutcome(state: .aborted, reason: "no media arrived before the recording stopped", message: nil)
        case _ where renderFailure != nil:
            return JobOutcome(state: .failed, reason: "render_failed", message: "rendering failed: \(renderFailure ?? ""); the dump is kept")
        case let .limit(text):
            return JobOutcome(state: .limitReached, reason: text, message: nil)
        case .stopped:
            return JobOutcome(state: .completed, reason: nil, message: nil)
        }
    }
}
