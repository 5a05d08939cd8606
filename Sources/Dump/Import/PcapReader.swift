/// One captured link-layer frame.
public struct CapturedFrame: Sendable {
    /// Capture time, microseconds since the Unix epoch.
    public var timestampMicros: Int64
    /// The LINKTYPE_ value of the interface it was captured on.
    public var linkType: UInt32
    public var data: ArraySlice<UInt8>
}

public enum PcapError: Error, Equatable, Sendable, CustomStringConvertible {
    case notACapture
    case truncated(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .notACapture: return "not a pcap or pcapng file (unknown magic number)"
        case let .truncated(what): return "capture truncated: \(what)"
        case let .malformed(what): return "malformed capture: \(what)"
        }
    }
}

/// Reads classic pcap (microsecond and nanosecond, either byte order) and
/// pcapng (SHB, IDB with if_tsresol, EPB, SPB; other blocks skipped) from
/// bytes in memory. A truncated last record ends the capture and is reported
/// in `truncatedTail`; anything else malformed throws.
public struct PcapReader: Sequence, Sendable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(PcapError) {
        guard bytes.count >= 4 else { throw .notACapture }
        self.bytes = bytes
        let magic = Self.read32(bytes[...], 0, bigEndian: false)
        guard [0xa1b2_c3d4, 0xd4c3_b2a1, 0xa1b2_3c4d, 0x4d3c_b2a1, 0x0a0d_0d0a].contains(magic) else { throw .notACapture }
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    static func read16(_ b: ArraySlice<UInt8>, _ o: Int, bigEndian: Bool) -> UInt16 {
        let i = b.startIndex + o
        return bigEndian ? UInt16(b[i]) << 8 | UInt16(b[i + 1]) : UInt16(b[i + 1]) << 8 | UInt16(b[i])
    }

    static func read32(_ b: ArraySlice<UInt8>, _ o: Int, bigEndian: Bool) -> UInt32 {
        let i = b.startIndex + o
        let (a, c, d, e) = (UInt32(b[i]), UInt32(b[i + 1]), UInt32(b[i + 2]), UInt32(b[i + 3]))
        return bigEndian ? a << 24 | c << 16 | d << 8 | e : e << 24 | d << 16 | c << 8 | a
    }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var offset = 0
        var bigEndian = false
        var isNG = false
        var started = false
        var linkType: UInt32 = 0
        var nanosecond = false
        /// pcapng: per interface, link type and ticks per second.
        var interfaces: [(linkType: UInt32, ticksPerSecond: UInt64)] = []
        public private(set) var error: PcapError?
        public private(set) var truncatedTail = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        public mutating func next() -> CapturedFrame? {
            do { return try nextFrame() } catch {
                self.error = error
                return nil
            }
        }

        mutating func nextFrame() throws(PcapError) -> CapturedFrame? {
            if !started {
                started = true
                let magic = PcapReader.read32(bytes[...], 0, bigEndian: false)
                if magic == 0x0a0d_0d0a { isNG = true } else { try readClassicHeader(magic) }
            }
            return isNG ? try nextBlockFrame() : try nextClassicFrame()
        }

        private mutating func readClassicHeader(_ magic: UInt32) throws(PcapError) {
            guard bytes.count >= 24 else { throw .truncated("pcap header") }
            bigEndian = magic == 0xd4c3_b2a1 || magic == 0x4d3c_b2a1
            nanosecond = magic == 0xa1b2_3c4d || magic == 0x4d3c_b2a1
            linkType = PcapReader.read32(bytes[...], 20, bigEndian: bigEndian) & 0x0fff_ffff
            offset = 24
        }

        private mutating func nextClassicFrame() throws(PcapError) -> CapturedFrame? {
            guard offset < bytes.count else { return nil }
            guard bytes.count - offset >= 16 else {
                truncatedTail = bytes.count - offset
                offset = bytes.count
                return nil
            }
            let b = bytes[...]
            let seconds = Int64(PcapReader.read32(b, offset, bigEndian: bigEndian))
            let fraction = Int64(PcapReader.read32(b, offset + 4, bigEndian: bigEndian))
            let length = Int(PcapReader.read32(b, offset + 8, bigEndian: bigEndian))
            guard length <= 262_144 * 4 else { throw .malformed("record of \(length) bytes at offset \(offset)") }
            guard bytes.count - offset - 16 >= length else {
                truncatedTail = bytes.count - offset
                offset = bytes.count
                return nil
            }
            let data = bytes[(offset + 16)..<(offset + 16 + length)]
            offset += 16 + length
            let micros = seconds * 1_000_000 + (nanosecond ? fraction / 1000 : fraction)
            return CapturedFrame(timestampMicros: micros, linkType: linkType, data: data)
        }

        private mutating func nextBlockFrame() throws(PcapError) -> CapturedFrame? {
            while offset < bytes.count {
                guard bytes.count - offset >= 12 else {
                    truncatedTail = bytes.count - offset
                    offset = bytes.count
                    return nil
                }
                let b = bytes[...]
                var type = PcapReader.read32(b, offset, bigEndian: bigEndian)
                if type == 0x0a0d_0d0a {
                    // Section header: its byte-order magic decides how everything after it reads.
                    let bom = PcapReader.read32(b, offset + 8, bigEndian: false)
                    guard bom == 0x1a2b_3c4d || bom == 0x4d3c_2b1a else { throw .malformed("bad byte-order magic") }
                    bigEndian = bom == 0x4d3c_2b1a
                    interfaces = []
                    type = 0x0a0d_0d0a
                }
                let total = Int(PcapReader.read32(b, offset + 4, bigEndian: bigEndian))
                guard total >= 12, total % 4 == 0 else { throw .malformed("block length \(total) at offset \(offset)") }
                guard bytes.count - offset >= total else {
                    truncatedTail = bytes.count - offset
                    offset = bytes.count
                    return nil
                }
                let body = bytes[(offset + 8)..<(offset + total - 4)]
                offset += total
                switch type {
                case 1: try readInterface(body)
                case 6:
                    if let frame = try readEnhancedPacket(body) { return frame }
                case 3:
                    guard let first = interfaces.first, body.count >= 4 else { throw .malformed("simple packet block without interface") }
                    let length = Swift.min(Int(PcapReader.read32(body, 0, bigEndian: bigEndian)), body.count - 4)
                    return CapturedFrame(timestampMicros: 0, linkType: first.linkType, data: body[(body.startIndex + 4)..<(body.startIndex + 4 + length)])
                default:
                    continue  // section header, statistics, name resolution, custom blocks
                }
            }
            return nil
        }

        private mutating func readInterface(_ body: ArraySlice<UInt8>) throws(PcapError) {
            guard body.count >= 8 else { throw .malformed("interface block of \(body.count) bytes") }
            let linkType = UInt32(PcapReader.read16(body, 0, bigEndian: bigEndian))
            var ticks: UInt64 = 1_000_000
            var o = 8
            while o + 4 <= body.count {
                let code = PcapReader.read16(body, o, bigEndian: bigEndian)
                let length = Int(PcapReader.read16(body, o + 2, bigEndian: bigEndian))
                if code == 0 { break }
                guard o + 4 + length <= body.count else { throw .malformed("interface option overruns its block") }
                if code == 9 && length >= 1 {  // if_tsresol: power of 10, or of 2 with the top bit
                    let value = body[body.startIndex + o + 4]
                    let exponent = UInt64(value & 0x7f)
                    guard exponent <= 18 else { throw .malformed("if_tsresol \(value)") }
                    ticks = value & 0x80 != 0 ? (exponent < 63 ? 1 << exponent : 1) : (0..<exponent).reduce(1) { acc, _ in acc * 10 }
                }
                o += 4 + ((length + 3) & ~3)
            }
            interfaces.append((linkType, Swift.max(ticks, 1)))
        }

        private mutating func readEnhancedPacket(_ body: ArraySlice<UInt8>) throws(PcapError) -> CapturedFrame? {
            guard body.count >= 20 else { throw .malformed("enhanced packet block of \(body.count) bytes") }
            let interface = Int(PcapReader.read32(body, 0, bigEndian: bigEndian))
            guard interface < interfaces.count else { throw .malformed("packet on undeclared interface \(interface)") }
            let ticks = UInt64(PcapReader.read32(body, 4, bigEndian: bigEndian)) << 32 | UInt64(PcapReader.read32(body, 8, bigEndian: bigEndian))
            let length = Int(PcapReader.read32(body, 12, bigEndian: bigEndian))
            guard length <= body.count - 20 else { throw .malformed("packet data overruns its block") }
            let resolution = interfaces[interface].ticksPerSecond
            // 64-bit ticks at any resolution (1 tick per second too): widened, and kept in a sane range.
            let micros = Int64(clamping: UInt128(ticks) * 1_000_000 / UInt128(resolution)).clampedToSaneRange
            return CapturedFrame(
                timestampMicros: micros, linkType: interfaces[interface].linkType,
                data: body[(body.startIndex + 20)..<(body.startIndex + 20 + length)])
        }
    }
}
