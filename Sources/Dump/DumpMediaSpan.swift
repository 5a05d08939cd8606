/// How much media a dump holds: the session time a render can cover, from
/// the first RTP packet to the last, as `RenderSession` counts it. Read at
/// request time so a render range past the end is refused at once rather
/// than failing later with nothing to draw.
public enum DumpMediaSpan {
    /// Seconds from the first to the last RTP record; nil when the dump holds none.
    public static func seconds(path: String) throws -> Double? {
        let reader = try DumpFileReader(path: path)
        var first: Int64?, last: Int64 = 0
        while let item = try reader.next() {
            guard case let .record(timed) = item, case .rtp = timed.record else { continue }
            if first == nil { first = timed.time }
            last = Swift.max(last, timed.time)
        }
        guard let first else { return nil }
        return Double(Swift.max(0, last &- first)) / 1_000_000
    }
}
