extension RTPPacket {
    /// The original packet inside an RTX retransmission (RFC 4588 §4): the
    /// RTX payload begins with the original sequence number (OSN), followed by
    /// the original payload; the original payload type and SSRC come from the
    /// session's `apt` mapping and the stream the RTX SSRC repairs. Returns
    /// nil for an RTX packet without an OSN (a padding-only bandwidth probe).
    public func unwrappingRetransmission(payloadType: UInt8, ssrc: UInt32) -> [UInt8]? {
        let payload = self.payload
        guard payload.count >= 2 else { return nil }
        let originalSequence = UInt16(payload[payload.startIndex]) << 8 | UInt16(payload[payload.startIndex + 1])
        var original = Array(bytes[bytes.startIndex..<payloadRange.lowerBound])
        original[0] &= ~0x20  // the retransmission's padding is not the original's
        original[1] = (original[1] & 0x80) | (payloadType & 0x7F)
        original[2] = UInt8(originalSequence >> 8)
        original[3] = UInt8(truncatingIfNeeded: originalSequence)
        original[8] = UInt8(ssrc >> 24)
        original[9] = UInt8(truncatingIfNeeded: ssrc >> 16)
        original[10] = UInt8(truncatingIfNeeded: ssrc >> 8)
        original[11] = UInt8(truncatingIfNeeded: ssrc)
        original += payload.dropFirst(2)
        return original
    }
}
