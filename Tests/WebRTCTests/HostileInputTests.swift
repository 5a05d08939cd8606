import Foundation
import RTP
import SDP
import Testing
@testable import WebRTC

/// What a crafted offer or stream sends must cost at most itself: refused at
/// the edge, or handled without a trap.
@Suite struct HostileInputTests {
    /// A WHIP offer naming VP8 at 2^63 − 1 Hz was answered, and the first
    /// packet trapped in the jitter arithmetic.
    @Test(arguments: [
        ("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8/9223372036854775807"),
        ("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8/1"),
        ("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8/48000"),
        ("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus/90000/2"),
        ("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus/48000/-3"),
    ])
    func clockRatesOtherThanTheCodecsOwnAreNotTaken(line: String, crafted: String) throws {
        #expect(RecvOnlyAnswerTests.browserOffer.contains(line))
        let offer = RecvOnlyAnswerTests.browserOffer.replacingOccurrences(of: line, with: crafted)
        guard let parsed = try? SessionDescription.parse(offer) else { return }  // refused by the parser: fine too
        guard let (_, accepted) = try? RecvOnlyAnswer.make(for: parsed, RecvOnlyAnswerTests.parameters) else { return }
        for codec in accepted.flatMap(\.codecs) {
            #expect(codec.clockRate == RTPCodec(encodingName: codec.name)?.clockRate, "\(codec.name) taken at \(codec.clockRate) Hz")
            #expect(codec.channels.map { (1...8).contains($0) } ?? true)
        }
    }

    @Test(arguments: [1, 8_000, 90_000, 1_000_000, Int(Int32.max), Int.max])
    func receptionStatisticsTakeAnyClockRateAndTimestamps(clockRate: Int) {
        var stats = ReceptionStatistics(clockRate: clockRate)
        var timestamp: UInt32 = 0
        for n in 0..<1_000 {
            timestamp &+= 1 << 31  // a jump of 2^31 every packet
            stats.received(sequence: UInt16(truncatingIfNeeded: n * 7919), timestamp: timestamp,
                           arrivalMicros: n % 2 == 0 ? Int64(n) * 20_000 : Int64.max / 2 + Int64(n))
        }
        stats.senderReport(NTPTimestamp(seconds: .max, fraction: .max), arrivalMicros: .min / 2)
        let block = stats.reportBlock(ssrc: 1, nowMicros: .max)
        #expect(block.ssrc == 1)
    }

    @Test func nackGapsFromHostileSequenceNumbersStayBounded() {
        var nacks = NackGenerator()
        var sequence: UInt16 = 0
        var largest = 0
        for n in 0..<2_000 {
            sequence &+= 401  // every packet opens a gap of 400, within the largest gap still asked for
            nacks.received(sequence, now: Int64(n) * 1_000)
            largest = max(largest, nacks.pendingCount)
            #expect(nacks.due(now: Int64(n) * 1_000).count <= NackGenerator.maximumMissing)
        }
        #expect(largest <= NackGenerator.maximumMissing && largest >= 400)
    }

    /// Found by fuzz-answer: times at the ends of Int64 overflowed the age of a gap.
    @Test func nackTimesAtTheLimitsDoNotTrap() {
        var nacks = NackGenerator()
        for (n, now) in [Int64.min, .max, 0, .min + 1, .max - 1, -1].enumerated() {
            nacks.received(UInt16(n * 3), now: now)
            _ = nacks.due(now: now)
            _ = nacks.due(now: now == .min ? .max : .min)
        }
        #expect(nacks.pendingCount <= NackGenerator.maximumMissing)
    }

    /// An offer that never connects is given up after the connect deadline.
    @Test func aConnectionThatNeverConnectsClosesAtTheConnectDeadline() throws {
        let certificate = try DTLSCertificate()
        var configuration = ReceiveConnection.Configuration(
            localICE: ReceiveConnectionTests.local, remoteICE: ReceiveConnectionTests.remote, dtlsRole: .server,
            remoteFingerprint: certificate.fingerprint, media: ReceiveConnectionTests.media)
        configuration.connectTimeoutMicros = 5_000_000
        let connection = try ReceiveConnection(configuration: configuration, certificate: certificate)
        var closed: String?
        var limits: [ConnectionLimit] = []
        var now: Int64 = 0
        while now <= 6_000_000 && closed == nil {
            for output in connection.advance(to: now) {
                if case let .closed(reason, _) = output { closed = reason }
                if case let .limitReached(limit) = output { limits.append(limit) }
            }
            now += 10_000
        }
        #expect(closed?.contains("no connection within 5 s") == true, "\(closed ?? "still open")")
        #expect(now > 5_000_000)
        #expect(limits == [.connectDeadline], "the refusal is reported for the metrics")
    }

    @Test func aConnectedPeerIsNotClosedByTheConnectDeadline() throws {
        let (connection, _, _) = try ReceiveConnectionTests.connected()
        #expect(connection.isConnected)
        var outputs: [ReceiveConnection.Output] = []
        for step in 0..<100 { outputs += connection.advance(to: 40_000_000 + Int64(step) * 10_000) }
        #expect(!outputs.contains { if case let .closed(reason, _) = $0 { reason.contains("no connection within") } else { false } })
    }

    /// One peer sending from a thousand SSRCs opens at most `maximumTracks` tracks.
    @Test func aPeerCannotOpenTracksWithoutEnd() throws {
        let (connection, publisher, _) = try ReceiveConnectionTests.connected()
        var added = 0, refusals = 0
        for ssrc in UInt32(1)...1_000 {
            let packet = RTPPacketFields(marker: true, payloadType: 96, sequenceNumber: UInt16(ssrc & 0xffff), timestamp: ssrc * 3000,
                                         ssrc: 0x10_0000 + ssrc, payload: [0x10, 0x01, 0x00, 0x00, 7, 7]).serialize()
            let outputs = connection.handle(try publisher.srtp!.protectRTP(packet), from: ReceiveConnectionTests.peer, now: 10_000 + Int64(ssrc))
            added += outputs.filter { if case .trackAdded = $0 { true } else { false } }.count
            refusals += outputs.filter { if case .limitReached(.tracksPerConnection) = $0 { true } else { false } }.count
            if ssrc == 1_000 {  // a refused SSRC's next packet is refused again, but counted once
                let again = connection.handle(try publisher.srtp!.protectRTP(packet), from: ReceiveConnectionTests.peer, now: 20_000)
                refusals += again.filter { if case .limitReached = $0 { true } else { false } }.count
            }
        }
        #expect(refusals == 1_000 - ReceiveConnection.Configuration.defaultMaximumTracks, "one refusal reported per SSRC past the limit")
        #expect(added == ReceiveConnection.Configuration.defaultMaximumTracks)
        #expect(connection.tracks.count == ReceiveConnection.Configuration.defaultMaximumTracks)
        #expect((connection.statistics.rejected.first { $0.key.contains("limit") }?.value ?? 0) >= 1_000 - 16)
    }

    @Test(arguments: [([224, 0, 0, 251], 5353, false), ([239, 1, 2, 3], 9, false), ([0, 0, 0, 0], 9, false), ([255, 255, 255, 255], 9, false),
                      ([127, 0, 0, 1], 0, false), ([127, 0, 0, 1], 50_000, true), ([192, 0, 2, 7], 9, true)] as [([UInt8], UInt16, Bool)])
    func onlyUnicastCandidatesAreChecked(ip: [UInt8], port: UInt16, checked: Bool) {
        #expect(STUNAddress(ip: ip, port: port).isCheckable == checked)
        #expect(STUNAddress(ip: [0xff, 2] + [UInt8](repeating: 0, count: 13) + [1], port: 9).isCheckable == false)
    }
}
