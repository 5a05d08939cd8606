import APIModel

/// A small command for a job that runs on another node (stop, a new
/// layout): stored as a row for the owner, which carries it out and writes
/// its answer. The node that took the API request waits for that answer, so
/// the caller sees the same result as on the owner itself.
public enum JobCommand: Codable, Equatable, Sendable {
    case stop
    case layout(String)
    /// Live stream destinations to add and remove (full URLs: the command row lives only until answered).
    case streams(add: [String], remove: [String])

    /// How long the sender waits for the owner: a stop answers when the file is ready.
    public var answerWithinSeconds: Double {
        switch self {
        case .stop: 600
        case .layout, .streams: 30
        }
    }
}

/// What the owner answered: done, or the refusal it would have given.
public struct CommandAnswer: Codable, Equatable, Sendable {
    public var status: Int
    public var code: String?
    public var message: String?

    public static let done = CommandAnswer(status: 200, code: nil, message: nil)

    public init(status: Int, code: String?, message: String?) {
        self.status = status
        self.code = code
        self.message = message
    }

    public init(refusal: ServiceError) { self.init(status: refusal.status, code: refusal.code, message: refusal.message) }

    /// The refusal to give the caller, or nil when the owner did it.
    public var refusal: ServiceError? {
        guard status >= 300 else { return nil }
        return ServiceError(status: status, code: code ?? "error", message: message ?? "the node that runs the job refused")
    }
}
