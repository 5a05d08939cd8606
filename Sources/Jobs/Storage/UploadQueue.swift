import Foundation
import Logging
import ObjectStorage

/// Moves finished jobs' files into object storage, one worker per job.
/// Every step is kept in the job's result (`uploads`), so a restart
/// resumes where it stopped. A failing upload is retried with backoff
/// (doubling up to `maximumRetryDelaySeconds`) for `retryWindowSeconds`,
/// then waits for `POST …/upload`. A local file is removed only after the
/// bucket confirmed the whole object, and only without `keepLocal`.
actor UploadQueue {
    let settings: StorageSettings
    let uploader: ObjectUploader
    private let ledger: JobLedger
    private let files: FileStore
    private let metrics: ServiceMetrics
    private let logger: Logger
    private var workers: [String: Task<Void, Never>] = [:]
    /// Jobs asked for again while their worker ran: it goes round once more.
    private var again: Set<String> = []

    init(settings: StorageSettings, ledger: JobLedger, files: FileStore, metrics: ServiceMetrics, logger: Logger) {
        self.settings = settings
        uploader = ObjectUploader(client: settings.client(), settings: settings.uploader)
        self.ledger = ledger
        self.files = files
        self.metrics = metrics
        self.logger = logger
    }

    /// Where a job's objects go: its own `storage.prefix`, else the server's.
    func location(of job: Job) -> S3Location {
        let requested = job.kind == .recording
            ? JobLedger.decodeRecording(job)?.storage?.prefix
            : JobLedger.decodeRender(job)?.storage?.prefix
        guard let requested, let own = try? settings.location.with(prefix: requested) else { return settings.location }
        return own
    }

    /// Adds the job's files not yet listed and starts its worker.
    func enqueue(_ id: String, retryFailed: Bool = false) async {
        guard let job = try? await ledger.job(id), job.state.isFinal else { return }
        let key = JobFiles.Key(kind: job.kind, id: id)
        let location = location(of: job)
        let bucket = location.bucket
        await ledger.changeResult(id) { result in
            result.storage = location.description
            for file in result.files where !result.uploads.contains(where: { $0.name == file.name }) {
                let objectKey = location.key(ObjectKeys.key(of: file.name, in: key))
                result.uploads.append(JobResult.Upload(name: file.name, location: "s3://\(bucket)/\(objectKey)", key: objectKey, size: file.size))
                result.uploadsAnnounced = false
            }
            if retryFailed {
                for index in result.uploads.indices where result.uploads[index].state == .failed {
                    result.uploads[index].failingSince = nil
                    result.uploads[index].nextAttemptAt = JobLedger.now()
                }
            }
        }
        start(id, key: key, bucket: bucket)
    }

    private func start(_ id: String, key: JobFiles.Key, bucket: String) {
        guard workers[id] == nil else { again.insert(id); return }
        workers[id] = Task { await self.work(id, key: key, bucket: bucket) }
    }

    private func finished(_ id: String, key: JobFiles.Key, bucket: String) {
        workers[id] = nil
        if again.remove(id) != nil { start(id, key: key, bucket: bucket) }
    }

    /// Uploads what is due, waits for what is not, until everything is uploaded or given up.
    private func work(_ id: String, key: JobFiles.Key, bucket: String) async {
        defer { finished(id, key: key, bucket: bucket) }
        while !Task.isCancelled {
            guard let job = try? await ledger.job(id) else { return }
            let result = JobLedger.result(of: job)
            let open = result.uploads.filter { $0.state != .uploaded }
            if open.isEmpty {
                // A job that made no files (a recording without media) has nothing to announce.
                if !result.uploads.isEmpty { await completed(job, result, key: key) }
                return
            }
            let now = JobLedger.now()
            guard let next = open.first(where: { $0.state != .failed || ($0.nextAttemptAt.map { $0 <= now } ?? false) }) else {
                // Nothing due: sleep until the earliest retry, or stop when every failure has run out of retries.
                guard let due = open.compactMap(\.nextAttemptAt).min() else { return }
                try? await Task.sleep(nanoseconds: UInt64(max(0, due - now)) * 1000)
                continue
            }
            await upload(next, of: job, key: key, bucket: bucket)
        }
    }

    private func upload(_ item: JobResult.Upload, of job: Job, key: JobFiles.Key, bucket: String) async {
        let id = job.id, name = item.name
        await ledger.changeResult(id) { result in
            result.modifyUpload(name) { $0.state = .uploading; $0.attempts += 1 }
        }
        let path = files.path(of: name, in: key)
        let ledger = self.ledger
        do {
            let receipt = try await uploader.upload(path: path, bucket: bucket, key: item.key, contentType: JobFiles.contentType(name),
                                                    abandoned: item.unfinishedUploadID) { bytes in
                await ledger.changeResult(id) { result in result.modifyUpload(name) { $0.bytes = bytes } }
            }
            metrics.uploadedBytes.increment(by: receipt.size)
            await ledger.changeResult(id) { result in
                result.modifyUpload(name) { upload in
                    upload.state = .uploaded
                    upload.bytes = receipt.size
                    upload.size = receipt.size
                    upload.etag = receipt.etag
                    upload.error = nil
                    upload.failingSince = nil
                    upload.nextAttemptAt = nil
                    upload.unfinishedUploadID = nil
                }
                if let index = result.files.firstIndex(where: { $0.name == name }) { result.files[index].location = item.location }
            }
            logger.info("file uploaded", metadata: ["job": .string(id), "file": .string(name), "object": .string(item.location),
                                                    "bytes": .stringConvertible(receipt.size), "parts": .stringConvertible(receipt.parts)])
        } catch {
            metrics.uploadFailures.increment()
            let now = JobLedger.now(), attempts = item.attempts + 1, settings = self.settings
            let firstFailure = item.state != .failed && item.failingSince == nil
            await ledger.changeResult(id) { result in
                result.modifyUpload(name) { upload in
                    upload.state = .failed
                    upload.error = error.description
                    upload.unfinishedUploadID = error.unfinishedUploadID
                    let since = upload.failingSince ?? now
                    upload.failingSince = since
                    upload.nextAttemptAt = UploadRetry.nextAttempt(after: upload.attempts, failingSince: since, now: now, settings: settings)
                }
            }
            logger.warning("upload failed; the local file is kept", metadata: [
                "job": .string(id), "file": .string(name), "object": .string(item.location), "attempt": .stringConvertible(attempts),
                "error": .string(error.description)])
            if firstFailure, let updated = try? await ledger.job(id) { ledger.webhooks.notify(updated, event: "upload_failed") }
        }
    }

    /// Everything is in the bucket: tell the webhook once, then remove the local copies (unless kept).
    private func completed(_ job: Job, _ result: JobResult, key: JobFiles.Key) async {
        if !settings.keepLocal {
            for upload in result.uploads where !upload.localRemoved && upload.state == .uploaded {
                try? FileManager.default.removeItem(atPath: files.path(of: upload.name, in: key))
            }
            await ledger.changeResult(job.id) { result in
                for index in result.uploads.indices where result.uploads[index].state == .uploaded { result.uploads[index].localRemoved = true }
            }
        }
        if job.kind == .recording, result.dumpShipping != nil,
           result.uploads.contains(where: { $0.name == JobFiles.dumpName && $0.state == .uploaded }) {
            await removeDumpParts(of: job)
        }
        guard !result.uploadsAnnounced else { return }
        await ledger.changeResult(job.id) { $0.uploadsAnnounced = true }
        logger.info("every file is in the bucket", metadata: ["job": .string(job.id), "storage": .string(result.storage ?? "")])
        if let updated = try? await ledger.job(job.id) { ledger.webhooks.notify(updated, event: "upload_completed") }
    }

    /// The whole dump is in the bucket: its live parts are no longer needed.
    private func removeDumpParts(of job: Job) async {
        let location = location(of: job), client = uploader.client
        guard let parts = try? await client.listObjects(bucket: location.bucket, prefix: location.key(ObjectKeys.dumpFolder(job.id))) else { return }
        for part in parts where part.key.hasSuffix(".part") { try? await client.deleteObject(bucket: location.bucket, key: part.key) }
        await ledger.changeResult(job.id) { $0.dumpShipping?.parts = 0 }
    }

    /// Finished jobs whose uploads a restart interrupted.
    func resume() async {
        var cursor: String?
        while true {
            guard let page = try? await ledger.store.list(state: nil, room: nil, limit: 500, before: cursor), !page.isEmpty else { return }
            for job in page where job.state.isFinal {
                let result = JobLedger.result(of: job)
                guard result.storage != nil else { continue }
                let unfinished = result.uploads.contains { $0.state != .uploaded }
                    || result.files.contains { file in !result.uploads.contains { $0.name == file.name } }
                    || result.uploads.contains { !$0.localRemoved && !settings.keepLocal }
                if unfinished { await enqueue(job.id) }
            }
            guard page.count == 500 else { return }
            cursor = page.last?.id
        }
    }

    func cancelAll() {
        for worker in workers.values { worker.cancel() }
    }
}

extension JobResult {
    mutating func modifyUpload(_ name: String, _ change: (inout Upload) -> Void) {
        guard let index = uploads.firstIndex(where: { $0.name == name }) else { return }
        change(&uploads[index])
    }
}

/// When a failing upload is tried again: 2 s after the first failure,
/// doubling up to `maximumRetryDelaySeconds`, for as long as the failures
/// have lasted less than `retryWindowSeconds`; then never (nil) until asked.
enum UploadRetry {
    static func nextAttempt(after attempts: Int, failingSince: Int64, now: Int64, settings: StorageSettings) -> Int64? {
        let window = Int64(settings.retryWindowSeconds * 1_000_000)
        guard now &- failingSince < window else { return nil }
        let seconds = min(settings.maximumRetryDelaySeconds, 2 * pow(2, Double(min(max(attempts, 1) - 1, 20))))
        let delay = Int64(seconds * 1_000_000)
        return now > Int64.max - delay ? Int64.max : now + delay
    }
}
