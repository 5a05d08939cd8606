import Dump
import Media
import RTP
@testable import Render
import Testing

/// RTP timestamps, sender reports and dump times are the sender's (or an
/// upload's): any value is taken without a trap.
@Suite struct HostileTimingTests {
    @Test(arguments: [1, 8_000, 90_000, 1_000_000])
    func trackClockTakesTimestampsThatJumpBy2To31(clockRate: Int) {
        var clock = TrackClock(clockRate: clockRate)
        var unwrapper = TimestampUnwrapper()
        var timestamp: UInt32 = 0
        for n in 0..<20_000 {
            timestamp &+= 1 << 31
            let arrival: Int64 = n % 3 == 0 ? .max : (n % 3 == 1 ? .min : Int64(n) * 20_000)
            let segment = clock.observe(timestamp: unwrapper.unwrap(timestamp), arrival: arrival)
            _ = clock.arrivalTime(of: .max, segment: segment)
            if n % 100 == 0 { clock.observeSenderReport(ntpMicros: .max, rtpTimestamp: timestamp, arrival: .min) }
            _ = clock.senderTime(of: .min, segment: segment)
        }
        #expect(clock.segments.count <= 8)
    }

    @Test func hugeSecondsBecomeNoMicroseconds() {
        #expect(1e13.checkedMicros == nil && Double.nan.checkedMicros == nil && (-1e300).checkedMicros == nil)
        #expect(1.5.checkedMicros == 1_500_000)
    }
}
