import RTP
import Testing
@testable import WebRTC

@Suite struct NackGeneratorTests {
    @Test func gapsAreRequestedAfterTheReorderDelayThenRetriedAndRecovered() {
        var nacks = NackGenerator(retryIntervalMicros: 100_000, maximumRequests: 3, maximumAgeMicros: 1_000_000)
        for sequence: UInt16 in [10, 11, 14, 15] { nacks.received(sequence, now: 0) }
        #expect(nacks.due(now: 1_000).isEmpty)  // they may just be late
        #expect(nacks.due(now: 10_000) == [12, 13])
        #expect(nacks.due(now: 50_000).isEmpty)  // not before a round trip
        nacks.received(12, now: 60_000)  // the retransmission of 12 arrives
        #expect(nacks.due(now: 110_000) == [13])
        #expect(nacks.due(now: 220_000) == [13])
        #expect(nacks.due(now: 330_000).isEmpty)  // three requests were enough
        #expect(nacks.due(now: 440_000).isEmpty)
        #expect(nacks.statistics == .init(missing: 2, requested: 2, recovered: 1, givenUp: 1))
    }

    /// Packets that come late on their own are reordering: not asked for,
    /// and the wait before asking grows to cover such lateness.
    @Test func reorderingIsNotAskedForAndStretchesTheWait() {
        var nacks = NackGenerator(reorderDelayMicros: 10_000)
        nacks.received(1, now: 0)
        nacks.received(3, now: 0)
        nacks.received(2, now: 8_000)  // 8 ms late, within the wait
        #expect(nacks.due(now: 20_000).isEmpty && nacks.statistics.reordered == 1)
        nacks.received(5, now: 30_000)
        nacks.received(4, now: 50_000)  // 20 ms late: the wait grows to 25 ms
        #expect(nacks.reorderDelayMicros == 25_000)
        nacks.received(7, now: 100_000)
        #expect(nacks.due(now: 120_000).isEmpty)
        #expect(nacks.due(now: 125_000) == [6])
        #expect(nacks.statistics.requested == 1 && nacks.statistics.reordered == 2)
    }

    @Test func oldGapsAreGivenUpAndResetsAreNotLoss() {
        var nacks = NackGenerator(retryIntervalMicros: 100_000, maximumRequests: 10, maximumAgeMicros: 300_000)
        nacks.received(65_534, now: 0)
        nacks.received(1, now: 0)  // across the wrap: 65535 and 0 are missing
        #expect(nacks.due(now: 10_000) == [65_535, 0])
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
