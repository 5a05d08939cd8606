import APIModel
import Signing

/// How a webhook delivery proves it came from this server and is fresh:
/// `Tessera-Timestamp` carries Unix seconds, `Tessera-Signature` carries
/// `v1=` and the hex HMAC-SHA256 (RFC 2104 with SHA-256) under the shared
/// secret of "TIMESTAMP.BODY". Signing the timestamp with the body stops
/// an old delivery from being replayed with a new time.
public enum WebhookSignature {
    public static let timestampHeader = "Tessera-Timestamp"
    public static let signatureHeader = "Tessera-Signature"

    /// The two header values for `body` sent at `timestamp`.
    public static func headers(body: [UInt8], secret: String, timestamp: Int64) -> (timestamp: String, signature: String) {
        let signed = Array("\(timestamp).".utf8) + body
        return (String(timestamp), "v1=" + HMACDigest.hex(HMACDigest.sha256(key: Array(secret.utf8), signed)))
    }

    /// What a receiver does: recompute, compare in constant time, and
    /// refuse timestamps more than `tolerance` seconds from `now`.
    public static func verify(body: [UInt8], secret: String, timestamp: String, signature: String, now: Int64,
                              tolerance: Int64 = 300) -> Bool {
        // A hostile timestamp (Int64's ends) must not trap the subtraction.
        guard let time = Int64(timestamp) else { return false }
        let (difference, overflow) = now.subtractingReportingOverflow(time)
        guard !overflow, difference.magnitude <= tolerance.magnitude else { return false }
        let expected = Array(headers(body: body, secret: secret, timestamp: time).signature.utf8)
        let given = Array(signature.utf8)
        return ConstantTime.equal(expected, given)
    }

}

/// When a failed webhook delivery is tried again: 1 s, 2 s, 4 s … doubling
/// up to `maximumDelay`, and never after `giveUpAfter` since the first try —
/// retried for a bounded time, so a dead receiver cannot hold a job's events forever.
public struct WebhookRetryPolicy: Equatable, Sendable {
    public var firstDelaySeconds: Int64 = 1
    public var maximumDelaySeconds: Int64 = 60
    public var giveUpAfterSeconds: Int64 = 600

    public init() {}

    /// Seconds to wait before attempt `attempt + 1`, given that the first try
    /// was `elapsed` seconds ago; nil when it is time to give up.
    public func delay(afterAttempt attempt: Int, elapsed: Int64) -> Int64? {
        let delay = Swift.min(maximumDelaySeconds, firstDelaySeconds << Swift.min(Int64(Swift.max(attempt - 1, 0)), 30))
        return elapsed + delay <= giveUpAfterSeconds ? delay : nil
    }
}
