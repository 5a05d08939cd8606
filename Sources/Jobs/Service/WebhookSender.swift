import Foundation
import Outbound
import Rooms
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs a job's document to a webhook URL, signed (`WebhookSignature`)
/// when a secret is set, retried on failure by `WebhookRetryPolicy`. Each
/// attempt is reported, so deliveries show on the job.
struct WebhookSender: Sendable {
    var secret: String?
    var policy: WebhookRetryPolicy
    var timeoutSeconds: Double = 10
    /// Refuse URLs whose host is or resolves to a loopback, private or link-local address.
    var denyInternalAddresses = false

    /// Delivers `body` until a 2xx answer or the policy gives up; calls
    /// `report` after every attempt.
    func deliver(body: [UInt8], to url: String, state: String,
                 report: @Sendable (JobResult.WebhookAttempt) async -> Void) async {
        guard let target = URL(string: url) else {
            await report(JobResult.WebhookAttempt(state: state, url: url, at: Self.now(), attempt: 1, status: nil,
                                                  error: "not a URL", delivered: false))
            return
        }
        if denyInternalAddresses, let host = target.host, AddressRanges.reachesInternal(host) {
            await report(JobResult.WebhookAttempt(state: state, url: url, at: Self.now(), attempt: 1, status: nil,
                                                  error: "refused: \(host) is a loopback, private or link-local address (--webhook-deny-private)",
                                                  delivered: false))
            return
        }
        let started = Date()
        var attempt = 1
        while !Task.isCancelled {
            var request = URLRequest(url: target, timeoutInterval: timeoutSeconds)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("tessera-webhook", forHTTPHeaderField: "User-Agent")
            if let secret {
                let (timestamp, signature) = WebhookSignature.headers(body: body, secret: secret, timestamp: Int64(Date().timeIntervalSince1970))
                request.setValue(timestamp, forHTTPHeaderField: WebhookSignature.timestampHeader)
                request.setValue(signature, forHTTPHeaderField: WebhookSignature.signatureHeader)
            }
            request.httpBody = Data(body)
            var status: Int?, failure: String?
            do {
                // No redirects followed (a 3xx is a failed delivery), the answer's body capped.
                let response = try await OutboundHTTP.shared.send(request)
                status = response.status
                if !(200..<300).contains(response.status) { failure = "HTTP \(response.status)" }
            } catch {
                failure = error.description
            }
            let delivered = failure == nil
            await report(JobResult.WebhookAttempt(state: state, url: url, at: Self.now(), attempt: attempt, status: status,
                                                  error: failure, delivered: delivered))
            if delivered { return }
            guard let delay = policy.delay(afterAttempt: attempt, elapsed: Int64(Date().timeIntervalSince(started))) else { return }
            try? await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000_000)
            attempt += 1
        }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }
}
