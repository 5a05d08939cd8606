import RTP
import Testing
@testable import WebRTC

/// Receiver-report figures (RFC 3550 §6.4.1, A.3, A.8) from made-up streams.
@Suite struct ReceptionStatisticsTests {
    /// 90 kHz video at 30 fps: packet n sent at n × 3000 ticks.
    static func feed(_ stats: inout ReceptionStatistics, _ numbers: some Sequence<Int>, first: UInt16 = 1000, delay: (Int) -> Int64 = { _ in 0 }) {
        for n in numbers {
            stats.received(sequence: first &+ UInt16(truncatingIfNeeded: n), timestamp: UInt32(truncatingIfNeeded: 5_000 + n * 3_000),
                           arrivalMicros: Int64(n) * 33_333 + delay(n))
        }
    }

    @Test func aCleanStreamReportsNoLossAndLittleJitter() {
        var stats = ReceptionStatistics(clockRate: 90_000)
        Self.feed(&stats, 0..<100)
        let block = stats.reportBlock(ssrc: 7, nowMicros: 4_000_000)
        #expect(block.ssrc == 7 && block.fractionLost == 0 && block.cumulativeLost == 0)
        #expect(block.extendedHighestSequence == 1_099)
        #expect(block.jitter <= 2)  // only the 33,333 µs rounding
        #expect(block.lastSenderReport == 0 && block.delaySinceLastSenderReport == 0)
    }

    @Test func lossIsCountedPerIntervalAndInTotal() {
        var stats = ReceptionStatistics(clockRate: 90_000)
        Self.feed(&stats, (0..<100).filter { $0 % 10 != 5 })  // 10 % lost
        let first = stats.reportBlock(ssrc: 1, nowMicros: 0)
        #expect(first.cumulativeLost == 10)
        #expect(first.fractionLost == 25)  // 10/100 × 256, rounded down
        Self.feed(&stats, 100..<200)
        let second = stats.reportBlock(ssrc: 1, nowMicros: 0)
        #expect(second.fractionLost == 0 && second.cumulativeLost == 10)
    }

    @Test func sequenceNumbersWrapIntoTheCycleCount() {
        var stats = ReceptionStatistics(clockRate: 90_000)
        Self.feed(&stats, 0..<12, first: 65_530)
        #expect(stats.reportBlock(ssrc: 1, nowMicros: 0).extendedHighestSequence == 65_536 + 5)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func jitterFollowsTheSpreadOfArrivals() {
        var stats = ReceptionStatistics(clockRate: 90_000)
        // Every other packet 10 ms late: |D| = 900 ticks each time, so J tends to 900.
        Self.feed(&stats, 0..<300) { $0 % 2 == 0 ? 0 : 10_000 }
        #expect((860...900).contains(stats.jitter), "jitter \(stats.jitter)")
    }

    @Test func senderReportTimingIsEchoed() {
        var stats = ReceptionStatistics(clockRate: 48_000)
        stats.received(sequence: 1, timestamp: 0, arrivalMicros: 0)
        stats.senderReport(NTPTimestamp(seconds: 0x1234_5678, fraction: 0x9ABC_DEF0), arrivalMicros: 1_000_000)
        let block = stats.reportBlock(ssrc: 1, nowMicros: 2_500_000)
        #expect(block.lastSenderReport == 0x5678_9ABC)
        #expect(block.delaySinceLastSenderReport == 98_304)  // 1.5 s in 1/65536 s
    }
}
