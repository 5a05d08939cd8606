/// Why bytes are not a STUN message tessera accepts.
public enum STUNError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooShort(Int)
    case notSTUN
    case badLength(declared: Int, available: Int)
    case truncatedAttribute(type: UInt16)
    case malformedAttribute(type: UInt16, String)
    case attributeAfterIntegrity(type: UInt16)
    case attributeAfterFingerprint(type: UInt16)
    case badFingerprint

    public var description: String {
        switch self {
        case let .tooShort(count): "STUN: \(count) bytes is shorter than the 20-byte header"
        case .notSTUN: "STUN: not a STUN message (top bits or magic cookie)"
        case let .badLength(declared, available): "STUN: header says \(declared) bytes of attributes, \(available) follow"
        case let .truncatedAttribute(type): "STUN: attribute 0x\(String(type, radix: 16)) runs past the end"
        case let .malformedAttribute(type, why): "STUN: attribute 0x\(String(type, radix: 16)): \(why)"
        case let .attributeAfterIntegrity(type): "STUN: attribute 0x\(String(type, radix: 16)) after MESSAGE-INTEGRITY"
        case let .attributeAfterFingerprint(type): "STUN: attribute 0x\(String(type, radix: 16)) after FINGERPRINT"
        case .badFingerprint: "STUN: FINGERPRINT does not match"
        }
    }
}
