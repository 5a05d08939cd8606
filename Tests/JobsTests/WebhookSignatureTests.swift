import Signing
import Testing
@testable import Jobs

@Suite struct WebhookSignatureTests {
    /// RFC 4231 §4.3 test case 2: HMAC-SHA-256 with key "Jefe".
    @Test func hmacMatchesTheRFCVector() {
        let mac = HMACDigest.sha256(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8))
        #expect(HMACDigest.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func aReceiverAcceptsTheRealThingAndNothingElse() {
        let body = Array(#"{"id":"rec1","state":"completed"}"#.utf8)
        let (timestamp, signature) = WebhookSignature.headers(body: body, secret: "s3cret", timestamp: 1_800_000_000)
        #expect(signature.hasPrefix("v1=") && signature.count == 3 + 64)
        #expect(WebhookSignature.verify(body: body, secret: "s3cret", timestamp: timestamp, signature: signature, now: 1_800_000_100))
        #expect(!WebhookSignature.verify(body: body + [0x20], secret: "s3cret", timestamp: timestamp, signature: signature, now: 1_800_000_100))
        #expect(!WebhookSignature.verify(body: body, secret: "other", timestamp: timestamp, signature: signature, now: 1_800_000_100))
        #expect(!WebhookSignature.verify(body: body, secret: "s3cret", timestamp: "1800000001", signature: signature, now: 1_800_000_100),
                "a new timestamp on an old signature")
        #expect(!WebhookSignature.verify(body: body, secret: "s3cret", timestamp: timestamp, signature: signature, now: 1_800_001_000),
                "too old")
        #expect(!WebhookSignature.verify(body: body, secret: "s3cret", timestamp: "soon", signature: signature, now: 0))
    }

    /// Timestamps at Int64's ends are refused, not trapped on.
    @Test(arguments: [("-9223372036854775808", Int64.max), ("9223372036854775807", Int64.min), ("-9223372036854775808", 0)] as [(String, Int64)])
    func hostileTimestampsAreRefused(timestamp: String, now: Int64) {
        #expect(!WebhookSignature.verify(body: [1], secret: "s", timestamp: timestamp, signature: "v1=00", now: now))
    }

    @Test func retriesBackOffAndStop() {
        let policy = WebhookRetryPolicy()
        #expect((1...8).map { policy.delay(afterAttempt: $0, elapsed: 0) } == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(policy.delay(afterAttempt: 20, elapsed: 540) == 60)
        #expect(policy.delay(afterAttempt: 20, elapsed: 541) == nil)
    }
}
