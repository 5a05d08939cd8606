@testable import Render
import Testing

@Suite struct TrackClockTests {
    /// 90 kHz video at 30 fps arriving with `delay(i)` µs of network delay.
    static func feed(_ clock: inout TrackClock, frames: Range<Int>, base: Int64 = 1_000_000, start: Int64 = 5_000_000, delay: (Int) -> Int64) -> [Int] {
        frames.map { i in clock.observe(timestamp: base + Int64(i) * 3_000, arrival: start + Int64(i) * 33_333 + delay(i)) }
    }

    @Test func leastDelayedPacketsSetTheOffset() {
        var clock = TrackClock(clockRate: 90_000)
        let segments = Self.feed(&clock, frames: 0..<60) { i in i == 0 ? 40_000 : Int64((i * 7919) % 30_000) }
        #expect(Set(segments) == [0])
        // The frame that came with no delay (i = 0 mod 30000 → i multiple) defines the mapping.
        let time = clock.arrivalTime(of: 1_000_000 + 30 * 3_000, segment: 0)!
        #expect(abs(time - (5_000_000 + 30 * 33_333)) < 1_000)
    }

    @Test func aTimestampResetStartsANewSegmentAtArrival() {
        var clock = TrackClock(clockRate: 90_000)
        _ = Self.feed(&clock, frames: 0..<30) { _ in 5_000 }
        // The sender restarts: timestamps jump back by an hour's worth.
        let segment = clock.observe(timestamp: 50, arrival: 7_000_000)
        #expect(segment == 1)
        #expect(clock.resets == 1)
        #expect(clock.arrivalTime(of: 50 + 90_000, segment: 1) == 8_000_000)
        // Frames of the first segment still map where they were.
        #expect(abs(clock.arrivalTime(of: 1_000_000, segment: 0)! - 5_005_000) < 1_000)
    }

    @Test func slowDriftIsFollowedWithoutJumps() {
        var clock = TrackClock(clockRate: 90_000)
        // The sender's clock runs 300 ppm slow: arrival - timestamp grows by 10 µs per frame.
        var previous: Int64?
        for i in 0..<9_000 {  // five minutes
            _ = clock.observe(timestamp: Int64(i) * 3_000, arrival: Int64(i) * 33_343)
            let mapped = clock.arrivalTime(of: Int64(i) * 3_000, segment: 0)!
            if let previous { #expect(mapped - previous < 33_333 + 200 && mapped - previous > 33_333 - 200) }
            previous = mapped
        }
        #expect(clock.resets == 0)
        let lag = Int64(8_999) * 33_343 - clock.arrivalTime(of: 8_999 * 3_000, segment: 0)!
        #expect(lag >= 0 && lag < 150_000, "mapped \(lag) µs before arrival after five minutes of drift")
    }

    @Test func aSenderReportBeforeTheFirstPacketIsUsed() {
        var clock = TrackClock(clockRate: 48_000)
        clock.observeSenderReport(ntpMicros: 9_000_000_000, rtpTimestamp: 480_000, arrival: 999_000)
        _ = clock.observe(timestamp: 480_000, arrival: 1_000_000)
        #expect(clock.senderTime(of: 480_000 + 48_000, segment: 0) == 9_001_000_000)
    }

    @Test func stretchKeepsTheEnds() {
        let samples: [Float] = (0..<100).flatMap { [Float($0), -Float($0)] }
        let stretched = AudioTrackState.stretch(samples, channels: 2, to: 101)
        #expect(stretched.count == 202)
        #expect(stretched.first == 0 && stretched[200] == 99 && stretched[201] == -99)
    }
}
