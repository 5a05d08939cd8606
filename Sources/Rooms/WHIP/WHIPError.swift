/// Why a WHIP request was refused; the HTTP layer maps each case to its status.
public enum WHIPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 400: the offer or fragment cannot be read; the reason names the line.
    case malformed(String)
    /// 406: nothing in the offer can be recorded.
    case unsupported(String)
    /// 404: no such session (ended, or never existed).
    case unknownSession
    /// 422: a fragment that does not belong to the session (ICE restart is not supported).
    case unprocessable(String)
    /// 412: If-Match names another version of the session.
    case preconditionFailed
    /// 503: the server cannot take another publisher now.
    case unavailable(String)

    public var description: String {
        switch self {
        case let .malformed(reason): reason
        case let .unsupported(reason): reason
        case .unknownSession: "no such WHIP session"
        case let .unprocessable(reason): reason
        case .preconditionFailed: "If-Match does not match this session's ETag"
        case let .unavailable(reason): reason
        }
    }
}
