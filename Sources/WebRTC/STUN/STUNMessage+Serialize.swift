import Signing
extension STUNMessage {
    /// The message's bytes. With `integrityKey`, a MESSAGE-INTEGRITY is
    /// appended (HMAC-SHA1, RFC 8489 §14.5); with `fingerprint`, a
    /// FINGERPRINT after it (§14.7), as ICE requires (RFC 8445 §7.2.2).
    /// Integrity and fingerprint attributes already in `attributes` are skipped.
    public func serialize(integrityKey: [UInt8]? = nil, fingerprint: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        let type = (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | messageClass.rawValue
        append16(type, to: &bytes)
        append16(0, to: &bytes)  // length, set below
        append32(Self.magicCookie, to: &bytes)
        bytes += transactionID.prefix(12) + [UInt8](repeating: 0, count: Swift.max(0, 12 - transactionID.count))
        for attribute in attributes {
            switch attribute {
            case .messageIntegrity, .fingerprint: continue
            default: attribute.append(to: &bytes, transactionID: transactionID)
            }
        }
        if let integrityKey {
            setLength(bytes.count + 24 - Self.headerLength, in: &bytes)
            let mac = HMACDigest.sha1(key: integrityKey, bytes[...])
            STUNAttribute.messageIntegrity(mac).append(to: &bytes, transactionID: transactionID)
        }
        if fingerprint {
            setLength(bytes.count + 8 - Self.headerLength, in: &bytes)
            let crc = CRC32.checksum(bytes[...]) ^ 0x5354_554E
            STUNAttribute.fingerprint(crc).append(to: &bytes, transactionID: transactionID)
        }
        setLength(bytes.count - Self.headerLength, in: &bytes)
        return bytes
    }

    private func setLength(_ length: Int, in bytes: inout [UInt8]) {
        bytes[2] = UInt8(length >> 8)
        bytes[3] = UInt8(length & 0xFF)
    }
}

private func append16(_ value: UInt16, to bytes: inout [UInt8]) {
    bytes.append(UInt8(value >> 8))
    bytes.append(UInt8(value & 0xFF))
}

private func append32(_ value: UInt32, to bytes: inout [UInt8]) {
    append16(UInt16(value >> 16), to: &bytes)
    append16(UInt16(value & 0xFFFF), to: &bytes)
}

extension STUNAttribute {
    func append(to bytes: inout [UInt8], transactionID: [UInt8]) {
        let (type, value) = encoded(transactionID: transactionID)
        append16(type, to: &bytes)
        append16(UInt16(value.count), to: &bytes)
        bytes += value
        bytes += [UInt8](repeating: 0, count: (4 - value.count % 4) % 4)
    }

    private func encoded(transactionID: [UInt8]) -> (UInt16, [UInt8]) {
        func address(_ address: STUNAddress, xor: Bool) -> [UInt8] {
            var port = address.port
            var ip = address.ip
            if xor {
                let mask = [0x21, 0x12, 0xA4, 0x42] + transactionID
                port ^= 0x2112
                for i in ip.indices { ip[i] ^= mask[i] }
            }
            return [0, ip.count == 4 ? 1 : 2, UInt8(port >> 8), UInt8(port & 0xFF)] + ip
        }
        func be64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }
        switch self {
        case let .mappedAddress(a): return (Kind.mappedAddress, address(a, xor: false))
        case let .xorMappedAddress(a): return (Kind.xorMappedAddress, address(a, xor: true))
        case let .username(name): return (Kind.username, Array(name.utf8))
        case let .software(name): return (Kind.software, Array(name.utf8))
        case let .errorCode(code, reason): return (Kind.errorCode, [0, 0, UInt8(code / 100), UInt8(code % 100)] + Array(reason.utf8))
        case let .priority(p): return (Kind.priority, [UInt8(p >> 24), UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF)])
        case .useCandidate: return (Kind.useCandidate, [])
        case let .iceControlled(t): return (Kind.iceControlled, be64(t))
        case let .iceControlling(t): return (Kind.iceControlling, be64(t))
        case let .messageIntegrity(mac): return (Kind.messageIntegrity, mac)
        case let .fingerprint(crc): return (Kind.fingerprint, [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        case let .other(type, value): return (type, value)
        }
    }
}
