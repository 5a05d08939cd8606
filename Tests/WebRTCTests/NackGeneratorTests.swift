import RTP
import Testing
@testable import WebRTC

@Suite struct NackGeneratorTests {
    @Test func gapsAreRequestedAtOnceThenRetriedAndRecovered() {
        var nacks = NackGenerator(retryIntervalMicros: 100_000, maximumRequests: 3, maximumAgeMicros: 1_000_000)
        for sequence: UInt16 in [10, 11, 14, 15] { nacks.received(sequence, now: 0) }
        #expect(nacks.due(now: 1_000) == [12, 13])
        #expect(nacks.due(now: 50_000).isEmpty)  // not before a round trip
        nacks.received(12, now: 60_000)  // the retransmission of 12 arrives
        #expect(nacks.due(now: 110_000) == [13])
        #expect(nacks.due(now: 220_000) == [13])
        #expect(nacks.due(now: 330_000).isEmpty)  // three requests were enough
        #expect(nacks.due(now: 440_000).isEmpty)
        #expect(nacks.statistics == .init(missing: 2, requested: 2, recovered: 1, givenUp: 1))
    }

    @Test func oldGapsAreGivenUpAndResetsAreNotLoss() {
        var nacks = NackGenerator(retryIntervalMicros: 100_000, maximumRequests: 10, maximumAgeMicros: 300_000)
        nacks.received(65_534, now: 0)
        nacks.received(1, now: 0)  // across the wrap: 65535 and 0 are missing
        #expect(nacks.due(now: 0) == [65_535, 0])
        #expect(nacks.due(now: 400_000).isEmpty)
        #expect(nacks.statistics.givenUp == 2)
        nacks.received(30_000, now: 500_000)  // a sender restart
        #expect(nacks.due(now: 500_000).isEmpty)
        #expect(nacks.statistics.missing == 2)
    }

    @Test(arguments: [
        ([UInt16](), [RTCPNack.Item]()),
        ([5], [.init(packetID: 5, bitmask: 0)]),
        ([5, 6, 8, 21], [.init(packetID: 5, bitmask: 0b1000_0000_0000_0101)]),
        ([5, 22], [.init(packetID: 5, bitmask: 0), .init(packetID: 22, bitmask: 0)]),
        ([65_535, 0, 1], [.init(packetID: 65_535, bitmask: 0b11)]),
    ])
    func sequencesPackIntoItems(sequences: [UInt16], items: [RTCPNack.Item]) {
        #expect(NackGenerator.items(for: sequences) == items)
    }
}
