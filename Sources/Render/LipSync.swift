/// Places a track by its participant's reference track (their audio):
/// both clocks' RTCP sender reports (RFC 3550 §6.4.1) say what wall-clock
/// time each RTP timestamp was captured at, so video is put where the audio
/// captured at the same moment was put. Only the relation between the two
/// sender reports is trusted, never the sender's absolute wall clock.
enum LipSync {
    /// Session time (µs on the arrival clock) of `timestamp`, and whether it
    /// came from sender reports (true) or from arrival alone.
    static func time(of timestamp: Int64, segment: Int, on clock: TrackClock, following reference: TrackClock?) -> (Int64, Bool) {
        let arrival = clock.arrivalTime(of: timestamp, segment: segment) ?? 0
        guard let reference, let sender = clock.senderTime(of: timestamp, segment: segment),
              let referenceSegment = reference.segments.last,
              let report = reference.senderReport(segment: referenceSegment.id) else { return (arrival, false) }
        // Where the reference's sender clock sits on the arrival clock.
        let senderToSession = report.ntp - (reference.micros(report.timestamp) + referenceSegment.offset)
        let synced = sender - senderToSession
        // A report that disagrees with arrival by seconds is wrong (or from a
        // clock that was reset): go by arrival instead.
        guard abs(synced - arrival) < 2_000_000 else { return (arrival, false) }
        return (synced, true)
    }
}
