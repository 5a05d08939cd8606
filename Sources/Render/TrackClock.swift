/// Maps one track's RTP timestamps onto the session timeline (microseconds
/// on the recorder's arrival clock), sans-I/O.
///
/// The arrival mapping is `time = timestamp / clockRate + offset`, where the
/// offset is the smallest `arrival − timestamp / clockRate` seen lately: the
/// least-delayed packets show where the sender's clock sits. It is
/// re-measured over a sliding window and moves at most `maximumSlew` per
/// second of media, so slow drift between sender and recorder is followed
/// without jumps. A timestamp that lands more than `resetThreshold` away from
/// its arrival (a sender restart, a phone call on a mobile sender, a pause in
/// which timestamps stood still) starts a new segment, anchored at arrival:
/// what follows lands where it arrived, nothing after it shifts.
///
/// RTCP sender reports (RFC 3550 §6.4.1) pair an RTP timestamp with the
/// sender's wall clock; `ParticipantSync` uses them for lip sync.
public struct TrackClock: Sendable {
    public struct Segment: Sendable {
        public var id: Int
        public var offset: Int64
        var windowMinimum: Int64
        var previousWindowMinimum: Int64
        var windowStart: Int64
        var startArrival: Int64
        var lastTimestampMicros: Int64
    }

    public let clockRate: Int
    public var resetThreshold: Int64 = 1_000_000
    /// Microseconds the offset may move per second of media (1000 ppm).
    public var maximumSlew: Int64 = 1_000
    public static let window: Int64 = 2_000_000
    public private(set) var segments: [Segment] = []
    public private(set) var resets = 0
    /// The newest sender reports, as received: (NTP µs, RTP timestamp, arrival µs).
    private var reports: [(ntp: Int64, timestamp: UInt32, arrival: Int64)] = []

    public init(clockRate: Int) { self.clockRate = Swift.max(1, clockRate) }

    /// Timestamps are the sender's (a crafted stream may jump 2^31 a packet),
    /// so the conversion is widened and clamped to a sane range: sums of a few
    /// such times cannot overflow.
    func micros(_ timestamp: Int64) -> Int64 { timestamp.scaledClamped(by: 1_000_000, over: Int64(clockRate)) }

    /// Notes a frame (or packet) and returns the segment it belongs to.
    public mutating func observe(timestamp: Int64, arrival: Int64) -> Int {
        let arrival = arrival.clampedToSaneRange  // a dump's times are outside input too
        let media = micros(timestamp)
        let candidate = arrival - media
        guard var segment = segments.last, abs(media + segment.offset - arrival) <= resetThreshold else {
            if !segments.isEmpty { resets += 1 }
            segments.append(Segment(
                id: (segments.last?.id ?? -1) + 1, offset: candidate, windowMinimum: candidate, previousWindowMinimum: candidate,
                windowStart: arrival, startArrival: arrival, lastTimestampMicros: media))
            if segments.count > 8 { segments.removeFirst() }
            return segments[segments.count - 1].id
        }
        let elapsed = Swift.max(0, media - segment.lastTimestampMicros)
        segment.lastTimestampMicros = Swift.max(segment.lastTimestampMicros, media)
        segment.windowMinimum = Swift.min(segment.windowMinimum, candidate)
        if arrival - segment.windowStart >= Self.window {
            segment.previousWindowMinimum = segment.windowMinimum
            segment.windowMinimum = candidate
            segment.windowStart = arrival
        }
        let target = Swift.min(segment.windowMinimum, segment.previousWindowMinimum)
        if arrival - segment.startArrival < Self.window {
            segment.offset = Swift.min(segment.offset, target)  // settling: take the least delay at once
        } else {
            let step = Swift.max(1, elapsed.scaled(by: maximumSlew, over: 1_000_000))
            segment.offset += Swift.max(-step, Swift.min(step, target - segment.offset))
        }
        segments[segments.count - 1] = segment
        return segment.id
    }

    /// Notes a sender report. It may come before the first RTP packet (ffmpeg
    /// sends one first), so it is matched to a segment only when used.
    public mutating func observeSenderReport(ntpMicros: Int64, rtpTimestamp: UInt32, arrival: Int64) {
        reports.append((ntpMicros.clampedToSaneRange, rtpTimestamp, arrival.clampedToSaneRange))
        if reports.count > 8 { reports.removeFirst() }
    }

    /// The newest sender report that belongs to segment `id`: received no
    /// earlier than 2 s before the segment began, with a timestamp within a
    /// minute of the segment's (extended to 64 bits next to them).
    public func senderReport(segment id: Int) -> (ntp: Int64, timestamp: Int64)? {
        guard let segment = segment(id) else { return nil }
        let reference = segment.lastTimestampMicros.scaledClamped(by: Int64(clockRate), over: 1_000_000)
        for report in reports.reversed() where report.arrival >= segment.startArrival - 2_000_000 {
            var extended = (reference & ~0xffff_ffff) | Int64(report.timestamp)
            if extended - reference > 1 << 31 { extended -= 1 << 32 } else if reference - extended > 1 << 31 { extended += 1 << 32 }
            if abs(micros(extended) - segment.lastTimestampMicros) < 60_000_000 { return (report.ntp, extended) }
        }
        return nil
    }

    public func segment(_ id: Int) -> Segment? { segments.last { $0.id == id } }

    /// Arrival-clock session time of `timestamp` in segment `id`.
    public func arrivalTime(of timestamp: Int64, segment id: Int) -> Int64? {
        guard let segment = segment(id) else { return nil }
        return micros(timestamp) + segment.offset.clampedToSaneRange
    }

    /// The sender's wall clock (µs) at `timestamp`, from the segment's sender report.
    public func senderTime(of timestamp: Int64, segment id: Int) -> Int64? {
        guard let report = senderReport(segment: id) else { return nil }
        return report.ntp.clampedToSaneRange + micros(timestamp.clampedToSaneRange - report.timestamp)
    }
}
