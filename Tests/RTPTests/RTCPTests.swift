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
