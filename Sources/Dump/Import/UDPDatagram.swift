/// A UDP datagram taken out of a captured frame.
public struct UDPDatagram: Sendable {
    /// Printable addresses: dotted quad for IPv4, colon-hex for IPv6.
    public var source: String
    public var sourcePort: UInt16
    public var destination: String
    public var destinationPort: UInt16
    public var payload: ArraySlice<UInt8>
}

/// Why a captured frame holds no usable UDP datagram.
public enum LinkDecodeSkip: String, Error, Sendable, Codable, CaseIterable {
    case unsupportedLinkType, notIP, notUDP, fragmented, truncated
}

/// Decodes link layer → IPv4/IPv6 → UDP, for the link types captures of RTP
/// have in practice: Ethernet (with VLAN tags), Linux cooked v1 and v2, raw
/// IP, BSD loopback. Pure and bounds-checked.
public enum LinkDecoder {
    public enum LinkType {
        public static let null: UInt32 = 0
        public static let ethernet: UInt32 = 1
        public static let raw: UInt32 = 101
        public static let linuxSLL: UInt32 = 113
        public static let ipv4: UInt32 = 228
        public static let ipv6: UInt32 = 229
        public static let linuxSLL2: UInt32 = 276
        public static let loop: UInt32 = 108
    }

    public static func udp(in frame: CapturedFrame) -> Result<UDPDatagram, LinkDecodeSkip> {
        let d = frame.data
        func u16(_ o: Int) -> Int { Int(d[d.startIndex + o]) << 8 | Int(d[d.startIndex + o + 1]) }
        switch frame.linkType {
        case LinkType.ethernet:
            guard d.count >= 14 else { return .failure(.truncated) }
            var o = 12
            var etherType = u16(o)
            while etherType == 0x8100 || etherType == 0x88a8 {  // 802.1Q / 802.1ad tags
                o += 4
                guard d.count >= o + 2 else { return .failure(.truncated) }
                etherType = u16(o)
            }
            return ip(d.dropFirst(o + 2), etherType: etherType)
        case LinkType.linuxSLL:
            guard d.count >= 16 else { return .failure(.truncated) }
            return ip(d.dropFirst(16), etherType: u16(14))
        case LinkType.linuxSLL2:
            guard d.count >= 20 else { return .failure(.truncated) }
            return ip(d.dropFirst(20), etherType: u16(0))
        case LinkType.raw, LinkType.ipv4, LinkType.ipv6, 12, 14:
            guard let first = d.first else { return .failure(.truncated) }
            return ip(d, etherType: first >> 4 == 6 ? 0x86dd : 0x0800)
        case LinkType.null, LinkType.loop:
            guard d.count >= 4 else { return .failure(.truncated) }
            // The address family in host order (NULL) or network order (LOOP): 2 is IPv4, 24/28/30 IPv6.
            let b = d.startIndex
            let family = max(UInt32(d[b]) | UInt32(d[b + 3]), UInt32(d[b + 1]) | UInt32(d[b + 2]))
            return ip(d.dropFirst(4), etherType: family == 2 ? 0x0800 : (family >= 24 ? 0x86dd : 0))
        default:
            return .failure(.unsupportedLinkType)
        }
    }

    private static func ip(_ d: ArraySlice<UInt8>, etherType: Int) -> Result<UDPDatagram, LinkDecodeSkip> {
        func u8(_ o: Int) -> Int { Int(d[d.startIndex + o]) }
        func u16(_ o: Int) -> Int { u8(o) << 8 | u8(o + 1) }
        switch etherType {
        case 0x0800:
            guard d.count >= 20, u8(0) >> 4 == 4 else { return .failure(d.count < 20 ? .truncated : .notIP) }
            let headerLength = (u8(0) & 0x0f) * 4
            let totalLength = u16(2)
            guard headerLength >= 20, totalLength >= headerLength, d.count >= totalLength else { return .failure(.truncated) }
            guard u8(9) == 17 else { return .failure(.notUDP) }
            guard u16(6) & 0x3fff == 0 else { return .failure(.fragmented) }  // MF set or a fragment offset
            let source = (12..<16).map { String(u8($0)) }.joined(separator: ".")
            let destination = (16..<20).map { String(u8($0)) }.joined(separator: ".")
            return udp(d.dropFirst(headerLength).prefix(totalLength - headerLength), source: source, destination: destination)
        case 0x86dd:
            guard d.count >= 40, u8(0) >> 4 == 6 else { return .failure(d.count < 40 ? .truncated : .notIP) }
            let payloadLength = u16(4)
            guard d.count >= 40 + payloadLength else { return .failure(.truncated) }
            var next = u8(6)
            var o = 40
            // Walk extension headers (RFC 8200 §4): hop-by-hop, routing, destination options.
            while next == 0 || next == 43 || next == 60 {
                guard d.count >= o + 2 else { return .failure(.truncated) }
                next = u8(o)
                o += (u8(o + 1) + 1) * 8
            }
            if next == 44 { return .failure(.fragmented) }
            guard next == 17 else { return .failure(.notUDP) }
            guard o <= 40 + payloadLength else { return .failure(.truncated) }
            let source = ipv6String(d.dropFirst(8).prefix(16))
            let destination = ipv6String(d.dropFirst(24).prefix(16))
            return udp(d.dropFirst(o).prefix(40 + payloadLength - o), source: source, destination: destination)
        default:
            return .failure(.notIP)
        }
    }

    private static func udp(_ d: ArraySlice<UInt8>, source: String, destination: String) -> Result<UDPDatagram, LinkDecodeSkip> {
        guard d.count >= 8 else { return .failure(.truncated) }
        let b = d.startIndex
        let length = Int(d[b + 4]) << 8 | Int(d[b + 5])
        guard length >= 8, length <= d.count else { return .failure(.truncated) }
        return .success(UDPDatagram(
            source: source, sourcePort: UInt16(d[b]) << 8 | UInt16(d[b + 1]),
            destination: destination, destinationPort: UInt16(d[b + 2]) << 8 | UInt16(d[b + 3]),
            payload: d[(b + 8)..<(b + length)]))
    }

    /// RFC 5952 text form: lowercase hex, the longest run of zero groups as "::".
    static func ipv6String(_ bytes: ArraySlice<UInt8>) -> String {
        let b = bytes.startIndex
        let groups = (0..<8).map { Int(bytes[b + 2 * $0]) << 8 | Int(bytes[b + 2 * $0 + 1]) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8 && groups[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength && i - runStart >= 2 { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        func hex(_ range: Range<Int>) -> String { range.map { String(groups[$0], radix: 16) }.joined(separator: ":") }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
