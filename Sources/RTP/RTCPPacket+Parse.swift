extension RTCPPacket {
    /// Parses an RTCP compound packet (RFC 3550 §6.1) into its packets.
    ///
    /// Reduced-size RTCP (RFC 5506) is accepted: the first packet need not be
    /// an SR or RR. Every length is checked against the bytes present.
    public static func parseCompound(_ bytes: ArraySlice<UInt8>) throws(RTPError) -> [RTCPPacket] {
        var packets: [RTCPPacket] = []
        var offset = 0
        guard bytes.count >= 4 else { throw .truncated(what: "RTCP header", needed: 4, available: bytes.count) }
        while offset < bytes.count {
            let remaining = bytes.count - offset
            guard remaining >= 4 else { throw .truncated(what: "RTCP header", needed: 4, available: remaining) }
            let b0 = bytes.u8(offset)
            guard b0 >> 6 == 2 else { throw .badVersion(b0 >> 6) }
            let length = (Int(bytes.u16(offset + 2)) + 1) * 4
            guard length <= remaining else {
                throw .truncated(what: "RTCP packet", needed: length, available: remaining)
            }
            var body = bytes.view(offset + 4, length - 4)
            if b0 & 0x20 != 0 {
                // RFC 3550 §6.4.1: padding only in the last packet of the compound.
                guard offset + length == bytes.count else { throw .badRTCP("padding in a packet that is not last") }
                let pad = body.isEmpty ? 0 : Int(body.u8(body.count - 1))
                guard pad >= 1, pad <= body.count else { throw .badRTCP("bad padding count \(pad)") }
                body = body.dropLast(pad)
            }
            packets.append(try parseOne(type: bytes.u8(offset + 1), count: b0 & 0x1f, body: body))
            offset += length
        }
        return packets
    }

    public static func parseCompound(_ bytes: [UInt8]) throws(RTPError) -> [RTCPPacket] {
        try parseCompound(bytes[...])
    }

    private static func parseOne(type: UInt8, count: UInt8, body: ArraySlice<UInt8>) throws(RTPError) -> RTCPPacket {
        switch type {
        case PacketType.senderReport:
            try need(body, 24 + 24 * Int(count), "SR")
            return .senderReport(RTCPSenderReport(
                ssrc: body.u32(0), ntpTime: NTPTimestamp(seconds: body.u32(4), fraction: body.u32(8)),
                rtpTimestamp: body.u32(12), packetCount: body.u32(16), octetCount: body.u32(20),
                reports: reportBlocks(body.view(from: 24), count: Int(count))))
        case PacketType.receiverReport:
            try need(body, 4 + 24 * Int(count), "RR")
            return .receiverReport(RTCPReceiverReport(
                ssrc: body.u32(0), reports: reportBlocks(body.view(from: 4), count: Int(count))))
        case PacketType.sourceDescription:
            return .sourceDescription(try sourceDescription(body, count: Int(count)))
        case PacketType.goodbye:
            try need(body, 4 * Int(count), "BYE")
            let ssrcs = (0..<Int(count)).map { body.u32(4 * $0) }
            var reason: String?
            let reasonOffset = 4 * Int(count)
            if body.count > reasonOffset {
                let length = Int(body.u8(reasonOffset))
                try need(body, reasonOffset + 1 + length, "BYE reason")
                reason = RTCPGoodbye.reasonText(body.view(reasonOffset + 1, length))
            }
            return .goodbye(RTCPGoodbye(ssrcs: ssrcs, reason: reason))
        case PacketType.transportFeedback where count == 1:
            try need(body, 8, "NACK")
            let items = (0..<((body.count - 8) / 4)).map {
                RTCPNack.Item(packetID: body.u16(8 + 4 * $0), bitmask: body.u16(10 + 4 * $0))
            }
            return .nack(RTCPNack(senderSSRC: body.u32(0), mediaSSRC: body.u32(4), items: items))
        case PacketType.payloadFeedback where count == 1:
            try need(body, 8, "PLI")
            return .pictureLossIndication(RTCPPictureLossIndication(senderSSRC: body.u32(0), mediaSSRC: body.u32(4)))
        case PacketType.payloadFeedback where count == 4:
            try need(body, 8, "FIR")
            let entries = (0..<((body.count - 8) / 8)).map {
                RTCPFullIntraRequest.Entry(ssrc: body.u32(8 + 8 * $0), sequenceNumber: body.u8(12 + 8 * $0))
            }
            return .fullIntraRequest(RTCPFullIntraRequest(senderSSRC: body.u32(0), entries: entries))
        case PacketType.payloadFeedback where count == 15 && isREMB(body):
            try need(body, 16, "REMB")
            let ssrcCount = Int(body.u8(12))
            try need(body, 16 + 4 * ssrcCount, "REMB SSRC list")
            let exponent = UInt64(body.u8(13) >> 2)
            let mantissa = UInt64(body.u24(13) & 0x3ffff)
            // Exponents above 46 overflow 64 bits: clamp to the largest value the
            // form writes exactly (an 18-bit mantissa shifted 46), so it reads back the same.
            let bitrate = exponent > 46 ? (mantissa == 0 ? 0 : RTCPReceiverEstimatedBitrate.largest) : mantissa << exponent
            let ssrcs = (0..<ssrcCount).map { body.u32(16 + 4 * $0) }
            return .receiverEstimatedBitrate(RTCPReceiverEstimatedBitrate(
                senderSSRC: body.u32(0), bitrate: bitrate, ssrcs: ssrcs))
        default:
            return .other(packetType: type, format: count, body: Array(body))
        }
    }

    private static func isREMB(_ body: ArraySlice<UInt8>) -> Bool {
        body.count >= 12 && body.u32(8) == 0x5245_4D42  // "REMB"
    }

    private static func need(_ body: ArraySlice<UInt8>, _ count: Int, _ what: String) throws(RTPError) {
        guard body.count >= count else { throw .truncated(what: what, needed: count, available: body.count) }
    }

    private static func reportBlocks(_ bytes: ArraySlice<UInt8>, count: Int) -> [RTCPReportBlock] {
        (0..<count).map { i in
            let o = 24 * i
            let lost24 = bytes.u24(o + 5)
            let cumulativeLost = Int32(bitPattern: lost24 << 8) >> 8  // sign-extend 24 bits
            return RTCPReportBlock(
                ssrc: bytes.u32(o), fractionLost: bytes.u8(o + 4), cumulativeLost: cumulativeLost,
                extendedHighestSequence: bytes.u32(o + 8), jitter: bytes.u32(o + 12),
                lastSenderReport: bytes.u32(o + 16), delaySinceLastSenderReport: bytes.u32(o + 20))
        }
    }

    private static func sourceDescription(_ body: ArraySlice<UInt8>, count: Int) throws(RTPError) -> RTCPSourceDescription {
        var chunks: [RTCPSourceDescription.Chunk] = []
        var offset = 0
        for _ in 0..<count {
            try need(body, offset + 4, "SDES chunk")
            let ssrc = body.u32(offset)
            offset += 4
            var items: [RTCPSourceDescription.Item] = []
            while true {
                try need(body, offset + 1, "SDES item")
                let type = body.u8(offset)
                if type == 0 {
                    // End of the item list, then padding to the next 32-bit boundary (§6.5).
                    offset += 1
                    offset = (offset + 3) & ~3
                    break
                }
                try need(body, offset + 2, "SDES item length")
                let length = Int(body.u8(offset + 1))
                try need(body, offset + 2 + length, "SDES item value")
                items.append(.init(type: type, value: Array(body.view(offset + 2, length))))
                offset += 2 + length
            }
            chunks.append(.init(ssrc: ssrc, items: items))
        }
        return RTCPSourceDescription(chunks: chunks)
    }
}
