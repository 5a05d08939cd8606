extension RTCPPacket {
    /// Writes this packet (header included) at the end of `out`.
    public func serialize(into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: [0, 0, 0, 0])  // header, filled in below
        let (type, count) = writeBody(into: &out)
        // A packet kept as it came may have had RFC 3550 §6.4.1 padding taken
        // off: its body is then written padded again, so it reads back the same.
        var padded = false
        if case .other = self, (out.count - start) % 4 != 0 {
            let pad = 4 - (out.count - start) % 4
            out.append(contentsOf: repeatElement(0, count: pad - 1))
            out.append(UInt8(pad))
            padded = true
        }
        while (out.count - start) % 4 != 0 { out.append(0) }
        let words = (out.count - start) / 4 - 1
        out[start] = 0x80 | (padded ? 0x20 : 0) | (count & 0x1f)
        out[start + 1] = type
        out[start + 2] = UInt8(truncatingIfNeeded: words >> 8)
        out[start + 3] = UInt8(truncatingIfNeeded: words)
    }

    public func serialize() -> [UInt8] {
        var out: [UInt8] = []
        serialize(into: &out)
        return out
    }

    /// Writes the packets one after the other as one compound packet.
    public static func serializeCompound(_ packets: [RTCPPacket]) -> [UInt8] {
        var out: [UInt8] = []
        for packet in packets { packet.serialize(into: &out) }
        return out
    }

    private func writeBody(into out: inout [UInt8]) -> (type: UInt8, count: UInt8) {
        switch self {
        case let .senderReport(sr):
            out.appendBigEndian(sr.ssrc)
            out.appendBigEndian(sr.ntpTime.raw)
            out.appendBigEndian(sr.rtpTimestamp)
            out.appendBigEndian(sr.packetCount)
            out.appendBigEndian(sr.octetCount)
            let blocks = sr.reports.prefix(31)
            for block in blocks { Self.write(block, into: &out) }
            return (PacketType.senderReport, UInt8(blocks.count))
        case let .receiverReport(rr):
            out.appendBigEndian(rr.ssrc)
            let blocks = rr.reports.prefix(31)
            for block in blocks { Self.write(block, into: &out) }
            return (PacketType.receiverReport, UInt8(blocks.count))
        case let .sourceDescription(sdes):
            let chunks = sdes.chunks.prefix(31)
            for chunk in chunks {
                out.appendBigEndian(chunk.ssrc)
                for item in chunk.items {
                    out.append(item.type)
                    let value = item.value.prefix(255)
                    out.append(UInt8(value.count))
                    out.append(contentsOf: value)
                }
                out.append(0)
                while out.count % 4 != 0 { out.append(0) }
            }
            return (PacketType.sourceDescription, UInt8(chunks.count))
        case let .goodbye(bye):
            let ssrcs = bye.ssrcs.prefix(31)
            for ssrc in ssrcs { out.appendBigEndian(ssrc) }
            if let reason = bye.reason {
                let bytes = Array(RTCPGoodbye.reasonText(Array(reason.utf8)[...]).utf8)
                out.append(UInt8(bytes.count))
                out.append(contentsOf: bytes)
            }
            return (PacketType.goodbye, UInt8(ssrcs.count))
        case let .nack(nack):
            out.appendBigEndian(nack.senderSSRC)
            out.appendBigEndian(nack.mediaSSRC)
            for item in nack.items {
                out.appendBigEndian(item.packetID)
                out.appendBigEndian(item.bitmask)
            }
            return (PacketType.transportFeedback, 1)
        case let .pictureLossIndication(pli):
            out.appendBigEndian(pli.senderSSRC)
            out.appendBigEndian(pli.mediaSSRC)
            return (PacketType.payloadFeedback, 1)
        case let .fullIntraRequest(fir):
            out.appendBigEndian(fir.senderSSRC)
            out.appendBigEndian(UInt32(0))  // media source SSRC is unused for FIR (RFC 5104 §4.3.1.2)
            for entry in fir.entries {
                out.appendBigEndian(entry.ssrc)
                out.append(entry.sequenceNumber)
                out.append(contentsOf: [0, 0, 0])
            }
            return (PacketType.payloadFeedback, 4)
        case let .receiverEstimatedBitrate(remb):
            out.appendBigEndian(remb.senderSSRC)
            out.appendBigEndian(UInt32(0))
            out.appendBigEndian(UInt32(0x5245_4D42))
            var mantissa = remb.bitrate
            var exponent: UInt64 = 0
            while mantissa > 0x3ffff { mantissa >>= 1; exponent += 1 }
            let ssrcs = remb.ssrcs.prefix(255)
            out.append(UInt8(ssrcs.count))
            out.append(UInt8(exponent << 2) | UInt8(truncatingIfNeeded: mantissa >> 16))
            out.appendBigEndian(UInt16(truncatingIfNeeded: mantissa))
            for ssrc in ssrcs { out.appendBigEndian(ssrc) }
            return (PacketType.payloadFeedback, 15)
        case let .other(type, format, body):
            out.append(contentsOf: body)
            return (type, format)
        }
    }

    private static func write(_ block: RTCPReportBlock, into out: inout [UInt8]) {
        out.appendBigEndian(block.ssrc)
        out.append(block.fractionLost)
        let lost = UInt32(bitPattern: block.cumulativeLost) & 0xff_ffff
        out.append(UInt8(truncatingIfNeeded: lost >> 16))
        out.append(UInt8(truncatingIfNeeded: lost >> 8))
        out.append(UInt8(truncatingIfNeeded: lost))
        out.appendBigEndian(block.extendedHighestSequence)
        out.appendBigEndian(block.jitter)
        out.appendBigEndian(block.lastSenderReport)
        out.appendBigEndian(block.delaySinceLastSenderReport)
    }
}
