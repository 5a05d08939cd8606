/// The fields of an RTP packet to be written, for tests, tools and the
/// packets tessera itself sends. `RTPPacket(parsing:)` reads back exactly
/// what `serialize()` writes.
public struct RTPPacketFields: Equatable, Sendable {
    public var marker = false
    public var payloadType: UInt8 = 96
    public var sequenceNumber: UInt16 = 0
    public var timestamp: UInt32 = 0
    public var ssrc: UInt32 = 0
    public var csrcs: [UInt32] = []
    /// Header extension elements, written in the one-byte form when every id
    /// is 1...14 and every length 1...16, otherwise in the two-byte form.
    public var extensions: [(id: UInt8, data: [UInt8])] = []
    public var payload: [UInt8] = []
    public var paddingLength: UInt8 = 0

    public init(
        marker: Bool = false, payloadType: UInt8 = 96, sequenceNumber: UInt16 = 0, timestamp: UInt32 = 0,
        ssrc: UInt32 = 0, csrcs: [UInt32] = [], extensions: [(id: UInt8, data: [UInt8])] = [],
        payload: [UInt8] = [], paddingLength: UInt8 = 0
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.extensions = extensions
        self.payload = payload
        self.paddingLength = paddingLength
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.marker == rhs.marker && lhs.payloadType == rhs.payloadType && lhs.sequenceNumber == rhs.sequenceNumber
            && lhs.timestamp == rhs.timestamp && lhs.ssrc == rhs.ssrc && lhs.csrcs == rhs.csrcs
            && lhs.payload == rhs.payload && lhs.paddingLength == rhs.paddingLength
            && lhs.extensions.map(\.id) == rhs.extensions.map(\.id)
            && lhs.extensions.map(\.data) == rhs.extensions.map(\.data)
    }

    public func serialize() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + 4 * csrcs.count + payload.count + Int(paddingLength) + 64)
        let csrcCount = UInt8(min(csrcs.count, 15))
        out.append(0x80 | (paddingLength > 0 ? 0x20 : 0) | (extensions.isEmpty ? 0 : 0x10) | csrcCount)
        out.append((marker ? 0x80 : 0) | (payloadType & 0x7f))
        out.appendBigEndian(sequenceNumber)
        out.appendBigEndian(timestamp)
        out.appendBigEndian(ssrc)
        for csrc in csrcs.prefix(15) { out.appendBigEndian(csrc) }
        if !extensions.isEmpty { appendExtensions(to: &out) }
        out.append(contentsOf: payload)
        if paddingLength > 0 {
            out.append(contentsOf: repeatElement(0, count: Int(paddingLength) - 1))
            out.append(paddingLength)
        }
        return out
    }

    private func appendExtensions(to out: inout [UInt8]) {
        let oneByte = extensions.allSatisfy { (1...14).contains($0.id) && (1...16).contains($0.data.count) }
        var block: [UInt8] = []
        for element in extensions {
            if oneByte {
                block.append(element.id << 4 | UInt8(element.data.count - 1))
            } else {
                block.append(element.id)
                block.append(UInt8(min(element.data.count, 255)))
            }
            block.append(contentsOf: element.data.prefix(255))
        }
        while block.count % 4 != 0 { block.append(0) }
        out.appendBigEndian(oneByte ? RTPHeaderExtensions.oneByteProfile : RTPHeaderExtensions.twoByteProfile)
        out.appendBigEndian(UInt16(block.count / 4))
        out.append(contentsOf: block)
    }
}
