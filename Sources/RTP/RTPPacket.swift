/// An RTP packet (RFC 3550 §5.1) parsed as a view over the bytes it arrived in.
///
/// Parsing copies nothing: the header fields are decoded once and the payload,
/// CSRC list and header extensions are ranges into `bytes`.
public struct RTPPacket: Sendable {
    /// The whole packet as received (after SRTP).
    public let bytes: ArraySlice<UInt8>
    public let marker: Bool
    public let payloadType: UInt8
    public let sequenceNumber: UInt16
    public let timestamp: UInt32
    public let ssrc: UInt32
    public let csrcCount: Int
    /// The RFC 3550 §5.3.1 "defined by profile" field, when the X bit is set.
    public let extensionProfile: UInt16?
    /// Absolute indices in `bytes` of the extension data (after its 4-byte header).
    public let extensionRange: Range<Int>
    /// Absolute indices in `bytes` of the payload, padding excluded.
    public let payloadRange: Range<Int>
    /// Number of padding bytes at the end (RFC 3550 §5.1, P bit).
    public let paddingLength: Int

    public var payload: ArraySlice<UInt8> { bytes[payloadRange] }
    /// A packet that carries only padding, as senders use for bandwidth probing.
    /// It occupies a sequence number but belongs to no frame.
    public var isPaddingOnly: Bool { payloadRange.isEmpty }
    public var headerLength: Int { payloadRange.lowerBound - bytes.startIndex }

    public var csrcs: [UInt32] {
        (0..<csrcCount).map { bytes.u32(12 + 4 * $0) }
    }

    public var headerExtensions: RTPHeaderExtensions {
        RTPHeaderExtensions(profile: extensionProfile ?? 0, data: bytes[extensionRange])
    }

    public init(parsing bytes: ArraySlice<UInt8>) throws(RTPError) {
        let count = bytes.count
        guard count >= 12 else { throw .truncated(what: "RTP header", needed: 12, available: count) }
        let b0 = bytes.u8(0)
        let version = b0 >> 6
        guard version == 2 else { throw .badVersion(version) }
        let hasPadding = b0 & 0x20 != 0
        let hasExtension = b0 & 0x10 != 0
        let csrcCount = Int(b0 & 0x0f)
        let b1 = bytes.u8(1)

        var offset = 12 + 4 * csrcCount
        guard count >= offset else { throw .truncated(what: "CSRC list", needed: offset, available: count) }

        var extensionProfile: UInt16?
        var extensionRange = bytes.startIndex..<bytes.startIndex
        if hasExtension {
            guard count >= offset + 4 else { throw .truncated(what: "header extension", needed: offset + 4, available: count) }
            extensionProfile = bytes.u16(offset)
            let words = Int(bytes.u16(offset + 2))
            let start = offset + 4
            offset = start + 4 * words
            guard count >= offset else { throw .truncated(what: "header extension", needed: offset, available: count) }
            extensionRange = (bytes.startIndex + start)..<(bytes.startIndex + offset)
        }

        var paddingLength = 0
        if hasPadding {
            guard count > offset else { throw .badPadding("P bit set but no room for a padding count") }
            paddingLength = Int(bytes.u8(count - 1))
            guard paddingLength >= 1 else { throw .badPadding("padding count is zero") }
            guard paddingLength <= count - offset else {
                throw .badPadding("padding count \(paddingLength) exceeds the \(count - offset) bytes after the header")
            }
        }

        self.bytes = bytes
        self.marker = b1 & 0x80 != 0
        self.payloadType = b1 & 0x7f
        self.sequenceNumber = bytes.u16(2)
        self.timestamp = bytes.u32(4)
        self.ssrc = bytes.u32(8)
        self.csrcCount = csrcCount
        self.extensionProfile = extensionProfile
        self.extensionRange = extensionRange
        self.payloadRange = (bytes.startIndex + offset)..<(bytes.startIndex + count - paddingLength)
        self.paddingLength = paddingLength
    }

    public init(parsing bytes: [UInt8]) throws(RTPError) {
        try self.init(parsing: bytes[...])
    }
}

/// RFC 5761 §4: with RTP and RTCP on one port, a second byte in 192...223
/// (the RTCP packet types, i.e. RTP payload types 64...95 with the marker set)
/// marks RTCP.
public func looksLikeRTCP(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard bytes.count >= 2, bytes.u8(0) >> 6 == 2 else { return false }
    let type = bytes.u8(1)
    return type >= 192 && type <= 223
}
