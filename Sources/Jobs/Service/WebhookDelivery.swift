import APIModel
import Foundation
import Logging

/// Tells a job's webhook (its own, else the server's) of every state
/// change, in the background with retries, and keeps each attempt in the
/// job's result (the last 100).
final class WebhookDelivery: Sendable {
    private let sender: WebhookSender
    private let defaultURL: String?
    private let store: JobStore
    private let metrics: ServiceMetrics
    private let logger: Logger
    private let background: BackgroundTasks

    init(sender: WebhookSender, defaultURL: String?, store: JobStore, metrics: ServiceMetrics, logger: Logger, background: BackgroundTasks) {
        self.sender = sender
        self.defaultURL = defaultURL
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.background = background
    }

    /// `event` names what happened other than a state change (`upload_completed`, `upload_failed`); the body carries it.
    func notify(_ job: Job, event: String? = nil) {
        let requested = job.kind == .recording ? JobLedger.decodeRecording(job)?.webhookUrl : JobLedger.decodeRender(job)?.webhookUrl
        guard let url = requested ?? defaultURL else { return }
        var document = JobDocument(job: job, result: JobLedger.result(of: job))
        document.event = event
        let body = Array(JobLedger.json(document).utf8)
        let id = job.id, state = event ?? job.state.rawValue, sender = sender
        background.run { await sender.deliver(body: body, to: url, state: state) { attempt in await self.record(id, attempt) } }
    }

    private func record(_ id: String, _ attempt: JobResult.WebhookAttempt) async {
        if attempt.delivered { metrics.webhookDeliveries.increment() } else { metrics.webhookFailures.increment() }
        if !attempt.delivered {
            logger.warning("webhook delivery failed", metadata: ["job": .string(id), "url": .string(attempt.url),
                                                                 "attempt": .stringConvertible(attempt.attempt), "error": .string(attempt.error ?? "")])
        }
        await store.changeResult(id) { result in
            result.webhooks.append(attempt)
            if result.webhooks.count > 100 { result.webhooks.removeFirst(result.webhooks.count - 100) }
        }
    }
}
