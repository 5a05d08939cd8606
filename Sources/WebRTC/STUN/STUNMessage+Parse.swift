import RTP
import Signing

extension STUNMessage {
    /// Reads a STUN message (RFC 8489 §5, §14). Unknown attributes are kept;
    /// anything after MESSAGE-INTEGRITY other than FINGERPRINT, and anything
    /// after FINGERPRINT, is refused; a FINGERPRINT that does not match is
    /// refused. MESSAGE-INTEGRITY is read here and checked by
    /// `STUNMessage.verifyIntegrity`.
    public init(parsing bytes: ArraySlice<UInt8>) throws(STUNError) {
        let base = bytes.startIndex
        guard bytes.count >= Self.headerLength else { throw .tooShort(bytes.count) }
        let type = bytes.u16(0)
        guard type & 0xC000 == 0, bytes.u32(4) == Self.magicCookie else { throw .notSTUN }
        let length = Int(bytes.u16(2))
        guard length % 4 == 0, Self.headerLength + length == bytes.count else {
            throw .badLength(declared: length, available: bytes.count - Self.headerLength)
        }
        // Method bits M0–M11 are split around the two class bits (§5).
        method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2)
        messageClass = Class(rawValue: type & 0x0110)!
        transactionID = Array(bytes[(base + 8)..<(base + 20)])

        var attributes: [STUNAttribute] = []
        var offset = Self.headerLength
        var sawIntegrity = false, sawFingerprint = false
        while offset < bytes.count {
            guard offset + 4 <= bytes.count else { throw .truncatedAttribute(type: 0) }
            let attributeType = bytes.u16(offset)
            let attributeLength = Int(bytes.u16(offset + 2))
            let valueStart = offset + 4
            guard valueStart + attributeLength <= bytes.count else { throw .truncatedAttribute(type: attributeType) }
            if sawFingerprint { throw .attributeAfterFingerprint(type: attributeType) }
            if sawIntegrity && attributeType != STUNAttribute.Kind.fingerprint { throw .attributeAfterIntegrity(type: attributeType) }
            let value = bytes[(base + valueStart)..<(base + valueStart + attributeLength)]
            let attribute = try STUNAttribute(type: attributeType, value: value, transactionID: transactionID)
            if case let .fingerprint(crc) = attribute {
                // CRC-32 of everything before it, XOR "STUN" (§14.7).
                guard CRC32.checksum(bytes[base..<(base + offset)]) ^ 0x5354_554E == crc else { throw .badFingerprint }
                sawFingerprint = true
            }
            if case .messageIntegrity = attribute { sawIntegrity = true }
            attributes.append(attribute)
            offset = valueStart + (attributeLength + 3) / 4 * 4
        }
        self.attributes = attributes
    }

    /// Whether `bytes` (one whole STUN message) carries a MESSAGE-INTEGRITY
    /// made with `key` (for ICE: the receiver's password, RFC 8445 §7.2.2):
    /// HMAC-SHA1 over the message up to the attribute, with the header's
    /// length set as if the message ended just after it (RFC 8489 §14.5).
    public static func verifyIntegrity(of bytes: ArraySlice<UInt8>, key: [UInt8]) -> Bool {
        let base = bytes.startIndex
        guard bytes.count >= headerLength else { return false }
        var offset = headerLength
        while offset + 4 <= bytes.count {
            let type = bytes.u16(offset)
            let length = Int(bytes.u16(offset + 2))
            if type == STUNAttribute.Kind.messageIntegrity {
                guard length == 20, offset + 24 <= bytes.count else { return false }
                var covered = Array(bytes[base..<(base + offset)])
                let adjusted = offset + 24 - headerLength
                covered[2] = UInt8(adjusted >> 8)
                covered[3] = UInt8(adjusted & 0xFF)
                let expected = HMACDigest.sha1(key: key, covered[...])
                let given = bytes[(base + offset + 4)..<(base + offset + 24)]
                // Compare every byte, so timing says nothing about the key.
                var difference: UInt8 = 0
                for (a, b) in zip(expected, given) { difference |= a ^ b }
                return difference == 0
            }
            offset += 4 + (length + 3) / 4 * 4
        }
        return false
    }
}

extension STUNAttribute {
    init(type: UInt16, value: ArraySlice<UInt8>, transactionID: [UInt8]) throws(STUNError) {
        let base = value.startIndex
        func text() throws(STUNError) -> String {
            guard value.count <= 763, let string = String(validating: value, as: UTF8.self) else {
                throw .malformedAttribute(type: type, "not UTF-8 text of at most 763 bytes")
            }
            return string
        }
        switch type {
        case Kind.mappedAddress, Kind.xorMappedAddress:
            guard value.count >= 4 else { throw .malformedAttribute(type: type, "address shorter than 4 bytes") }
            let family = value[base + 1]
            let ipLength = family == 1 ? 4 : family == 2 ? 16 : 0
            guard ipLength > 0, value.count == 4 + ipLength else { throw .malformedAttribute(type: type, "bad address family or length") }
            var port = UInt16(value[base + 2]) << 8 | UInt16(value[base + 3])
            var ip = Array(value[(base + 4)...])
            if type == Kind.xorMappedAddress {
                // XOR with the cookie (and for IPv6 the transaction id) (§14.2).
                let mask = [0x21, 0x12, 0xA4, 0x42] + transactionID
                port ^= 0x2112
                for i in ip.indices { ip[i] ^= mask[i] }
                self = .xorMappedAddress(STUNAddress(ip: ip, port: port))
            } else {
                self = .mappedAddress(STUNAddress(ip: ip, port: port))
            }
        case Kind.username:
            self = .username(try text())
        case Kind.software:
            self = .software(try text())
        case Kind.errorCode:
            guard value.count >= 4 else { throw .malformedAttribute(type: type, "shorter than 4 bytes") }
            let code = Int(value[base + 2] & 0x07) * 100 + Int(value[base + 3])
            guard (300...699).contains(code) else { throw .malformedAttribute(type: type, "code \(code) outside 300–699") }
            let reason = String(decoding: value.dropFirst(4), as: UTF8.self)
            self = .errorCode(code: code, reason: reason)
        case Kind.priority:
            guard value.count == 4 else { throw .malformedAttribute(type: type, "not 4 bytes") }
            self = .priority(value.u32(0))
        case Kind.useCandidate:
            guard value.isEmpty else { throw .malformedAttribute(type: type, "not empty") }
            self = .useCandidate
        case Kind.iceControlled, Kind.iceControlling:
            guard value.count == 8 else { throw .malformedAttribute(type: type, "not 8 bytes") }
            let tieBreaker = UInt64(value.u32(0)) << 32 | UInt64(value.u32(4))
            self = type == Kind.iceControlled ? .iceControlled(tieBreaker: tieBreaker) : .iceControlling(tieBreaker: tieBreaker)
        case Kind.messageIntegrity:
            guard value.count == 20 else { throw .malformedAttribute(type: type, "not 20 bytes") }
            self = .messageIntegrity(Array(value))
        case Kind.fingerprint:
            guard value.count == 4 else { throw .malformedAttribute(type: type, "not 4 bytes") }
            self = .fingerprint(value.u32(0))
        default:
            self = .other(type: type, value: Array(value))
        }
    }
}

extension STUNMessage {
    /// The receiver's ufrag in a Binding request's USERNAME ("receiver:sender",
    /// RFC 8445 §7.2.2): which connection a check on a shared port is for.
    /// Nil for anything else. Integrity is checked later, by the agent.
    public static func localUfrag(inCheck datagram: ArraySlice<UInt8>) -> String? {
        guard let message = try? STUNMessage(parsing: datagram), message.messageClass == .request,
              let username = message.username, let colon = username.firstIndex(of: ":") else { return nil }
        return String(username[..<colon])
    }
}
