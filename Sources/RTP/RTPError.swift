/// Why bytes were rejected by a parser in this module. Each case names the
/// rule that failed so that callers can count rejections by reason.
public enum RTPError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(what: String, needed: Int, available: Int)
    case badVersion(UInt8)
    case badPadding(String)
    case badHeaderExtension(String)
    case badRTCP(String)
    case badPayload(codec: String, reason: String)
    case unsupported(String)

    public var description: String {
        switch self {
        case let .truncated(what, needed, available):
            return "truncated \(what): needs \(needed) bytes, has \(available)"
        case let .badVersion(v): return "RTP version \(v), expected 2"
        case let .badPadding(reason): return "bad padding: \(reason)"
        case let .badHeaderExtension(reason): return "bad header extension: \(reason)"
        case let .badRTCP(reason): return "bad RTCP: \(reason)"
        case let .badPayload(codec, reason): return "bad \(codec) payload: \(reason)"
        case let .unsupported(what): return "unsupported: \(what)"
        }
    }
}
