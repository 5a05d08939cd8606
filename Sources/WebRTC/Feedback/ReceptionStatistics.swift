import RTP

/// What a receiver report says about one incoming stream (RFC 3550 §6.4.1):
/// loss since the last report and in total, the highest sequence number,
/// interarrival jitter (§6.4.1, A.8), and the timing of the last sender
/// report (LSR/DLSR) so the sender can measure the round trip. Sans-I/O.
public struct ReceptionStatistics: Sendable {
    public let clockRate: Int
    private var unwrapper = SequenceUnwrapper()
    private var base: Int64?
    private var highest: Int64 = 0
    private var received: Int64 = 0
    private var expectedAtLastReport: Int64 = 0
    private var receivedAtLastReport: Int64 = 0
    private var transit: Int64?
    /// Interarrival jitter in timestamp units, times 16 (A.8 keeps it scaled).
    private var jitterScaled: Int64 = 0
    private var lastSenderReport: (middle: UInt32, arrival: Int64)?

    public init(clockRate: Int) { self.clockRate = clockRate }

    /// Notes one packet (not a retransmission: those would skew jitter).
    public mutating func received(sequence: UInt16, timestamp: UInt32, arrivalMicros: Int64) {
        let extended = unwrapper.unwrap(sequence)
        if base == nil {
            base = extended
            highest = extended
        }
        highest = Swift.max(highest, extended)
        received += 1
        // D(i, j) = (Rj − Ri) − (Sj − Si), in timestamp units (A.8).
        // Widened and wrapping: the clock rate is the peer's word, and only the
        // transit's change modulo 2^32 matters below.
        let arrival = arrivalMicros.scaled(by: Int64(clockRate), over: 1_000_000)
        let currentTransit = arrival &- Int64(timestamp)
        if let previous = transit {
            var difference = currentTransit &- previous
            // Timestamps wrap at 2^32: take the short way round.
            difference = Int64(Int32(truncatingIfNeeded: difference))
            jitterScaled += abs(difference) - ((jitterScaled + 8) >> 4)
        }
        transit = currentTransit
    }

    /// Notes a sender report from this stream's sender.
    public mutating func senderReport(_ ntp: NTPTimestamp, arrivalMicros: Int64) {
        lastSenderReport = (ntp.middle32, arrivalMicros)
    }

    public var jitter: UInt32 { UInt32(clamping: jitterScaled >> 4) }
    public var expected: Int64 { base.map { highest - $0 + 1 } ?? 0 }
    public var cumulativeLost: Int64 { expected - received }

    /// The report block for `ssrc` now; starts a new loss interval.
    public mutating func reportBlock(ssrc: UInt32, nowMicros: Int64) -> RTCPReportBlock {
        let expectedInterval = expected - expectedAtLastReport
        let receivedInterval = received - receivedAtLastReport
        expectedAtLastReport = expected
        receivedAtLastReport = received
        let lostInterval = expectedInterval - receivedInterval
        let fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : UInt8(clamping: (lostInterval << 8) / expectedInterval)
        // The 24-bit signed field (§6.4.1) saturates rather than wraps.
        let cumulative = Int32(Swift.max(-0x80_0000, Swift.min(0x7F_FFFF, cumulativeLost)))
        var delay: UInt32 = 0
        if let report = lastSenderReport {
            delay = UInt32(clamping: nowMicros.saturatingSubtract(report.arrival).scaled(by: 65_536, over: 1_000_000))  // units of 1/65536 s
        }
        return RTCPReportBlock(
            ssrc: ssrc, fractionLost: fraction, cumulativeLost: cumulative,
            extendedHighestSequence: UInt32(truncatingIfNeeded: highest - (1 << 16)),
            jitter: jitter, lastSenderReport: lastSenderReport?.middle ?? 0, delaySinceLastSenderReport: delay)
    }
}
