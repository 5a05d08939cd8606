import APIModel
import Foundation
import Logging
import Synchronization

/// The record of jobs: reads them, applies state changes (logged, and told
/// to webhooks) and changes results, all through the `JobStore`. Every part
/// of the service writes through it, so a state change is never applied
/// without its log line and webhook.
struct JobLedger: Sendable {
    let store: JobStore
    let logger: Logger
    let webhooks: WebhookDelivery
    /// Told of every job that reaches a final state (object storage uploads its files then).
    let finals = FinalStates()

    func insert(_ job: Job) async throws(ServiceError) {
        do { try await store.insert(job) } catch { throw Self.internalError(error) }
        webhooks.notify(job)
    }

    /// The job, or nil for an unknown (or unsafe) id.
    func job(_ id: String) async throws(ServiceError) -> Job? {
        guard JobIDs.isSafe(id) else { return nil }
        do { return try await store.job(id: id) } catch { throw Self.internalError(error) }
    }

    /// Applies a state change, logs it, and sends the webhook; an illegal
    /// one is logged as the bug it is and not applied (nil).
    @discardableResult
    func transition(_ id: String, to state: JobState, reason: String?, message: String? = nil) async -> Job? {
        do {
            let job = try await store.transition(id: id, to: state, at: Self.now(), reason: reason, message: message)
            var metadata: Logger.Metadata = ["job": .string(id), "state": .string(state.rawValue)]
            if let reason { metadata["reason"] = .string(reason) }
            logger.info("job state changed", metadata: metadata)
            webhooks.notify(job)
            if state.isFinal { await finals.reached(id) }
            return job
        } catch {
            logger.error("job state change refused", metadata: ["job": .string(id), "to": .string(state.rawValue), "error": .string("\(error)")])
            return nil
        }
    }

    func changeResult(_ id: String, _ change: @escaping @Sendable (inout JobResult) -> Void) async {
        await store.changeResult(id, change)
    }

    static func result(of job: Job) -> JobResult {
        (try? JSONDecoder().decode(JobResult.self, from: Data(job.result.utf8))) ?? JobResult()
    }

    static func decodeRecording(_ job: Job) -> RecordingRequest? { try? JSONDecoder().decode(RecordingRequest.self, from: Data(job.settings.utf8)) }

    static func decodeRender(_ job: Job) -> RenderRequest? { try? JSONDecoder().decode(RenderRequest.self, from: Data(job.settings.utf8)) }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    static func internalError(_ error: Error) -> ServiceError {
        ServiceError(status: 500, code: "internal", message: "\(error)")
    }
}

extension JobStore {
    /// Changes a job's result in one transaction of the store (a result that cannot be read starts afresh).
    func changeResult(_ id: String, _ change: @escaping @Sendable (inout JobResult) -> Void) async {
        try? await updateResult(id: id) { text in
            var result = (try? JSONDecoder().decode(JobResult.self, from: Data(text.utf8))) ?? JobResult()
            change(&result)
            return JobLedger.json(result)
        }
    }
}

/// Whoever wants to know when a job has ended; set once when the service is made.
final class FinalStates: Sendable {
    private let handler = Mutex<(@Sendable (String) async -> Void)?>(nil)

    func observe(_ handler: @escaping @Sendable (String) async -> Void) { self.handler.withLock { $0 = handler } }

    func reached(_ id: String) async {
        if let handler = handler.withLock({ $0 }) { await handler(id) }
    }
}
