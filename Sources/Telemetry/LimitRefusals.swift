import CoreMetrics

/// Every limit the server enforces on what reaches it from outside, and the
/// one counter their refusals feed: `tessera_limit_refusals_total{limit=…}`.
///
/// Counted through swift-metrics, so the modules that refuse need no handle
/// on the Prometheus registry; `tessera serve` bootstraps the backend and
/// calls `registerAll` so that every limit shows (at 0) from the first
/// scrape. Each limit and its setting is listed in docs/operations.md.
public enum Limit: String, CaseIterable, Sendable {
    /// A publisher whose ICE and DTLS did not complete in time (`--connect-timeout`).
    case connectDeadline = "connect_deadline"
    /// An SSRC past the tracks a connection takes.
    case tracksPerConnection = "tracks_per_connection"
    /// NACK bookkeeping full: a peer opening gap after gap.
    case nackGaps = "nack_gaps"
    /// A WHIP offer past the publishers the server takes.
    case publishers = "publishers"
    /// A keyframe claiming a picture past the decoder's pixel limit.
    case decoderPixels = "decoder_pixels"
    /// A render that stopped at `--max-render-hours`.
    case renderDuration = "render_duration"
    /// An upload, JSON body or import past its size cap.
    case bodySize = "body_size"
    /// An import refused because as many as allowed run already.
    case importsAtOnce = "imports_at_once"
    /// A job (or import) refused for capacity or the disk floor.
    case admission = "admission"
    /// A connection closed because its request head did not complete in time (`--http-idle-timeout`).
    case requestHead = "request_head"
    /// A room member's record request sooner than the room's interval, or messages past the rate.
    case roomRequests = "room_requests"

    public static let metricName = "tessera_limit_refusals_total"

    /// Counts `count` refusals by this limit.
    public func count(_ count: Int = 1) {
        Counter(label: Self.metricName, dimensions: [("limit", rawValue)]).increment(by: count)
    }

    /// Makes every limit's counter exist, so a scrape shows them all at 0.
    public static func registerAll() {
        for limit in allCases { limit.count(0) }
    }
}
