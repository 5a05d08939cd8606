/// A STUN message (RFC 8489, formerly RFC 5389): what ICE connectivity
/// checks and consent freshness are made of.
public struct STUNMessage: Equatable, Sendable {
    /// The class bits of the message type (RFC 8489 §5).
    public enum Class: UInt16, Sendable {
        case request = 0x0000, indication = 0x0010, success = 0x0100, error = 0x0110
    }

    public static let binding: UInt16 = 0x0001
    /// The magic cookie every RFC 5389+ message carries (§5).
    public static let magicCookie: UInt32 = 0x2112_A442
    public static let headerLength = 20

    public var method: UInt16
    public var messageClass: Class
    /// 96 random bits that pair a response with its request.
    public var transactionID: [UInt8]
    /// In order; MESSAGE-INTEGRITY and FINGERPRINT are added by `serialize`.
    public var attributes: [STUNAttribute]

    public init(method: UInt16 = STUNMessage.binding, messageClass: Class, transactionID: [UInt8], attributes: [STUNAttribute] = []) {
        self.method = method
        self.messageClass = messageClass
        self.transactionID = transactionID
        self.attributes = attributes
    }

    public var username: String? {
        for case let .username(name) in attributes { return name }
        return nil
    }

    public var priority: UInt32? {
        for case let .priority(value) in attributes { return value }
        return nil
    }

    public var xorMappedAddress: STUNAddress? {
        for case let .xorMappedAddress(address) in attributes { return address }
        return nil
    }

    public var errorCode: (code: Int, reason: String)? {
        for case let .errorCode(code, reason) in attributes { return (code, reason) }
        return nil
    }

    /// MAPPED-ADDRESS, which old (RFC 3489) servers send instead of XOR-MAPPED-ADDRESS.
    public var mappedAddress: STUNAddress? {
        for case let .mappedAddress(address) in attributes { return address }
        return nil
    }

    public var hasUseCandidate: Bool { attributes.contains(.useCandidate) }
}

/// A transport address as STUN carries it.
public struct STUNAddress: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public var ip: [UInt8]
    public var port: UInt16

    public init(ip: [UInt8], port: UInt16) {
        self.ip = ip
        self.port = port
    }

    public var description: String {
        if ip.count == 4 { return "\(ip.map(String.init).joined(separator: ".")):\(port)" }
        let groups = stride(from: 0, to: ip.count, by: 2).map { String(UInt16(ip[$0]) << 8 | UInt16(ip[$0 + 1]), radix: 16) }
        return "[\(groups.joined(separator: ":"))]:\(port)"
    }
}

/// The attributes tessera reads and writes (RFC 8489 §14, RFC 8445 §16.1).
public enum STUNAttribute: Equatable, Sendable {
    case mappedAddress(STUNAddress)
    case xorMappedAddress(STUNAddress)
    case username(String)
    case errorCode(code: Int, reason: String)
    case software(String)
    case priority(UInt32)
    case useCandidate
    case iceControlled(tieBreaker: UInt64)
    case iceControlling(tieBreaker: UInt64)
    case messageIntegrity([UInt8])
    case fingerprint(UInt32)
    /// Anything else, kept as it came.
    case other(type: UInt16, value: [UInt8])

    enum Kind {
        static let mappedAddress: UInt16 = 0x0001
        static let username: UInt16 = 0x0006
        static let messageIntegrity: UInt16 = 0x0008
        static let errorCode: UInt16 = 0x0009
        static let unknownAttributes: UInt16 = 0x000A
        static let xorMappedAddress: UInt16 = 0x0020
        static let priority: UInt16 = 0x0024
        static let useCandidate: UInt16 = 0x0025
        static let software: UInt16 = 0x8022
        static let fingerprint: UInt16 = 0x8028
        static let iceControlled: UInt16 = 0x8029
        static let iceControlling: UInt16 = 0x802A
    }
}
