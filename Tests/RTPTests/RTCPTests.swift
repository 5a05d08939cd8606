import Testing
@testable import RTP

@Suite struct RTCPTests {
    static let block = RTCPReportBlock(
        ssrc: 7, fractionLost: 12, cumulativeLost: -3, extendedHighestSequence: 70000, jitter: 33,
        lastSenderReport: 0x1234_5678, delaySinceLastSenderReport: 99)

    static let packets: [RTCPPacket] = [
        .senderReport(RTCPSenderReport(
            ssrc: 1, ntpTime: NTPTimestamp(seconds: 3_900_000_000, fraction: 0x8000_0000), rtpTimestamp: 90000,
            packetCount: 10, octetCount: 1000, reports: [block])),
        .receiverReport(RTCPReceiverReport(ssrc: 2, reports: [block, block])),
        .sourceDescription(RTCPSourceDescription(chunks: [
            .init(ssrc: 3, items: [.init(type: 1, value: Array("alice@example".utf8))]),
            .init(ssrc: 4, items: [.init(type: 1, value: Array("b".utf8)), .init(type: 2, value: Array("Bob".utf8))]),
        ])),
        .goodbye(RTCPGoodbye(ssrcs: [5, 6], reason: "left")),
        .goodbye(RTCPGoodbye(ssrcs: [5])),
        .nack(RTCPNack(senderSSRC: 1, mediaSSRC: 2, lost: [100, 101, 116, 117, 200])),
        .pictureLossIndication(RTCPPictureLossIndication(senderSSRC: 1, mediaSSRC: 9)),
        .fullIntraRequest(RTCPFullIntraRequest(senderSSRC: 1, entries: [.init(ssrc: 9, sequenceNumber: 3)])),
        .receiverEstimatedBitrate(RTCPReceiverEstimatedBitrate(senderSSRC: 1, bitrate: 2_500_000, ssrcs: [9, 10])),
        .other(packetType: 204, format: 0, body: [0, 0, 0, 1, 0x41, 0x42, 0x43, 0x44]),
    ]

    @Test(arguments: packets)
    func roundTrips(packet: RTCPPacket) throws {
        let bytes = packet.serialize()
        #expect(bytes.count % 4 == 0)
        let parsed = try RTCPPacket.parseCompound(bytes)
        #expect(parsed == [packet])
    }

    @Test func compoundRoundTrip() throws {
        let bytes = RTCPPacket.serializeCompound(Self.packets)
        #expect(try RTCPPacket.parseCompound(bytes) == Self.packets)
    }

    @Test func nackPacksNeighboursIntoBitmask() {
        let nack = RTCPNack(senderSSRC: 0, mediaSSRC: 0, lost: [65535, 0, 1, 15, 16, 40])
        #expect(nack.items == [.init(packetID: 65535, bitmask: 0b1000_0000_0000_0011), .init(packetID: 16, bitmask: 0),
                               .init(packetID: 40, bitmask: 0)])
        #expect(nack.lostSequenceNumbers == [65535, 0, 1, 15, 16, 40])
    }

    @Test func rembMantissaExponent() throws {
        let remb = RTCPReceiverEstimatedBitrate(senderSSRC: 0, bitrate: 100_000_000, ssrcs: [])
        guard case let .receiverEstimatedBitrate(parsed) = try RTCPPacket.parseCompound(RTCPPacket.receiverEstimatedBitrate(remb).serialize())[0] else {
            Issue.record("not REMB")
            return
        }
        // 18-bit mantissa loses the low bits, never more than 2^exp.
        #expect(parsed.bitrate <= 100_000_000 && parsed.bitrate > 99_999_000)
    }

    /// Found by fuzz-rtcp: an exponent past 64 bits was read as UInt64.max, which no
    /// REMB can write, so a re-written packet read back as another bitrate.
    @Test(arguments: [(UInt8(0xff), UInt8(0xff)), (0xbf, 0xff), (0xfc, 0x00)]) func rembPast64BitsReadsBackTheSame(_ high: UInt8, _ low: UInt8) throws {
        let bytes: [UInt8] = [0x8f, 206, 0, 5, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 0x52, 0x45, 0x4d, 0x42, 1, high, low, 0, 0, 0, 0x56, 0x78]
        let packets = try RTCPPacket.parseCompound(bytes)
        #expect(try RTCPPacket.parseCompound(RTCPPacket.serializeCompound(packets)) == packets)
    }

    /// Found by fuzz-rtcp: an unknown packet whose padding was taken off was written back
    /// zero-filled, so it read back with three bytes more.
    @Test func anUnknownPaddedPacketReadsBackTheSame() throws {
        let bytes: [UInt8] = [0xa1, 43, 0, 2, 0, 0, 0x12, 0x34, 0xe0, 0, 0, 3]
        let packets = try RTCPPacket.parseCompound(bytes)
        #expect(packets == [.other(packetType: 43, format: 1, body: [0, 0, 0x12, 0x34, 0xe0])])
        #expect(try RTCPPacket.parseCompound(RTCPPacket.serializeCompound(packets)) == packets)
    }

    /// Found by fuzz-rtcp: a BYE reason that is not UTF-8 grew past 255 bytes when
    /// read as text, so writing it cut it short.
    @Test func aByeReasonThatIsNotUTF8ReadsBackTheSame() throws {
        let reason = [UInt8](repeating: 0xff, count: 200) + Array("é".utf8)
        let bytes: [UInt8] = [0x81, 203, 0, 52, 0, 0, 0x10, 0x34, UInt8(reason.count)] + reason + [0]
        let packets = try RTCPPacket.parseCompound(bytes)
        guard case let .goodbye(bye) = packets.first else { Issue.record("not a BYE"); return }
        #expect(bye.reason.map { $0.utf8.count <= 255 && $0.hasPrefix("\u{FFFD}") } == true)
        #expect(try RTCPPacket.parseCompound(RTCPPacket.serializeCompound(packets)) == packets)
    }

    @Test func ntpConversions() {
        let ntp = NTPTimestamp(seconds: 10, fraction: 0x4000_0000)
        #expect(ntp.microseconds == 10_250_000)
        #expect(NTPTimestamp(raw: ntp.raw) == ntp)
        #expect(ntp.middle32 == 0x000a_4000)
    }

    static let malformed: [(String, [UInt8])] = [
        ("empty", []),
        ("length past end", [0x80, 200, 0, 10, 0, 0, 0, 1]),
        ("SR too short for its blocks", [0x81, 200, 0, 6] + [UInt8](repeating: 0, count: 24)),
        ("version 0", [0x00, 200, 0, 0]),
        ("padding not last", [0xa0, 201, 0, 1, 0, 0, 0, 4] + [0x80, 201, 0, 1, 0, 0, 0, 1]),
        ("padding count too big", [0xa0, 201, 0, 1, 0, 0, 0, 9]),
        ("SDES item overruns", [0x81, 202, 0, 2, 0, 0, 0, 1, 1, 9, 0x41, 0x41]),
        ("BYE reason overruns", [0x81, 203, 0, 2, 0, 0, 0, 1, 20, 0x41, 0x41, 0x41]),
        ("REMB ssrc list overruns", [0x8f, 206, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0x52, 0x45, 0x4d, 0x42, 5, 0, 0, 1]),
        ("truncated trailing header", [0x80, 201, 0, 1, 0, 0, 0, 1, 0x80, 201]),
    ]

    @Test(arguments: malformed)
    func rejectsMalformed(name: String, bytes: [UInt8]) {
        #expect(throws: RTPError.self, "\(name)") { try RTCPPacket.parseCompound(bytes) }
    }
}
