/// The limits a receiving connection enforces on its peer. Each refusal is
/// reported as `ReceiveConnection.Output.limitReached` so that the driver can
/// count it; the raw values are the metric's `limit` label.
public enum ConnectionLimit: String, Sendable, CaseIterable {
    /// ICE and DTLS did not complete within `connectTimeoutMicros`.
    case connectDeadline = "connect_deadline"
    /// An SSRC past `maximumTracks` (counted once per SSRC).
    case tracksPerConnection = "tracks_per_connection"
    /// The NACK bookkeeping reached `NackGenerator.maximumMissing` and gave its gaps up.
    case nackGaps = "nack_gaps"
}
