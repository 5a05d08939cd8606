import APIModel
import Foundation
import ObjectStorage

/// Object storage seen from the job service: where a job's files are,
/// retries on request, the objects a deletion removes, and dumps read back
/// from the bucket for renders.
extension JobService {
    /// Where a downloaded file is read from.
    public enum FileSource: Sendable {
        case local(path: String, file: JobResult.File)
        /// In the bucket: a presigned GET URL, good for a short while.
        case redirect(url: String, file: JobResult.File)
        /// On the disk of the node that made it (a cluster, no bucket copy yet): the same path there.
        case onNode(url: String, file: JobResult.File)
        /// In the bucket, streamed through this server (`--storage-proxy`).
        case proxied(client: S3Client, bucket: String, key: String, size: Int64, etag: String, file: JobResult.File)
    }

    /// A new job's result: with storage configured, where its files will go.
    func initialResult(for job: Job) async -> JobResult {
        var result = JobResult()
        if let uploads { result.storage = await uploads.location(of: job).description }
        return result
    }

    /// The file to serve: the bucket's copy once it is there (redirected, or
    /// streamed with `--storage-proxy` when no local copy is left), else the local one.
    public func fileSource(id: String, name: String) async throws(ServiceError) -> FileSource {
        let (path, file) = try await filePath(id: id, name: name)
        guard let job = try await ledger.job(id) else { throw .notFound("no job \(id)") }
        guard let uploads, let upload = JobLedger.result(of: job).uploads.first(where: { $0.name == name && $0.state == .uploaded }) else {
            if let owner = await ownerHolding(job, localPath: path) { return .onNode(url: owner, file: file) }
            return .local(path: path, file: file)
        }
        let settings = uploads.settings
        let bucket = String(upload.location.dropFirst(5).prefix { $0 != "/" })
        if settings.proxy {
            if FileManager.default.fileExists(atPath: path) { return .local(path: path, file: file) }
            return .proxied(client: uploads.uploader.client, bucket: bucket, key: upload.key, size: upload.size, etag: upload.etag ?? "", file: file)
        }
        return .redirect(url: uploads.uploader.client.presignedURL(bucket: bucket, key: upload.key, expiresSeconds: settings.presignSeconds), file: file)
    }

    /// `POST /v1/recordings/{id}/upload`: tries again every upload of the job that failed (or uploads what was never sent).
    public func retryUploads(id: String) async throws(ServiceError) -> JobDocument {
        guard let uploads else { throw .conflict("this server keeps files locally: start it with --storage s3://BUCKET/PREFIX to upload them") }
        guard let job = try await ledger.job(id) else { throw .notFound("no job \(id)") }
        guard job.state.isFinal else { throw .conflict("job \(id) is \(job.state.rawValue); its files are uploaded when it has ended") }
        await uploads.enqueue(id, retryFailed: true)
        return try await document(id: id)
    }

    /// Removes the job's objects (files and dump parts). Throws when the bucket cannot be reached: the job is kept, to be deleted again.
    func deleteObjects(of job: Job) async throws(ServiceError) {
        guard let uploads else { return }
        let location = await uploads.location(of: job)
        let client = uploads.uploader.client
        var prefixes = [location.key(JobFiles.Key(kind: job.kind, id: job.id).folder + "/")]
        if job.kind == .recording { prefixes.append(location.key(ObjectKeys.dumpFolder(job.id))) }
        do {
            for prefix in prefixes {
                for object in try await client.listObjects(bucket: location.bucket, prefix: prefix) {
                    try await client.deleteObject(bucket: location.bucket, key: object.key)
                }
            }
        } catch {
            throw ServiceError(status: 502, code: "storage_unavailable", message: "deleting the job's objects failed: \(error); the job is kept, delete it again")
        }
    }

    /// A recording's dump for a render: the local file, or (its local copy
    /// removed after upload) a copy fetched from the bucket into `scratch`.
    func localDump(_ relative: String, scratch: String) async throws -> String {
        let path = configuration.dataDirectory + "/" + relative
        if FileManager.default.fileExists(atPath: path) { return path }
        let parts = relative.split(separator: "/")
        guard let uploads, parts.count == 3, parts[0] == "recordings", let recording = try await ledger.job(String(parts[1])) else {
            throw ServiceError.conflict("the dump \(relative) is neither here nor in the bucket")
        }
        // The whole dump once uploaded, else the parts shipped while it was recorded.
        let location = await uploads.location(of: recording)
        try FileManager.default.createDirectory(atPath: (scratch as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fetched = try await StoredDumpFetch.fetch(client: uploads.uploader.client, bucket: location.bucket,
                                                      folder: location.key(ObjectKeys.dumpFolder(recording.id)), to: scratch)
        logger.info("dump fetched from the bucket", metadata: ["job": .string(recording.id), "bytes": .stringConvertible(fetched.bytes),
                                                               "parts": .stringConvertible(fetched.parts)])
        return scratch
    }

    /// Whether a render's source dump can be had: here, or in the bucket.
    func dumpAvailable(_ relative: String, of result: JobResult) -> Bool {
        FileManager.default.fileExists(atPath: configuration.dataDirectory + "/" + relative)
            || result.uploads.contains { $0.name == JobFiles.dumpName && $0.state == .uploaded } || (result.dumpShipping?.parts ?? 0) > 0
    }
}

extension StorageSettings {
    /// At start: the bucket must exist. Storage that cannot be reached, or
    /// refuses the credentials, does not stop the server (uploads wait and
    /// retry, and say why on each job); a missing bucket does.
    public func checkAtStart() async -> (fatal: Bool, problem: String?) {
        do {
            try await client().checkBucket(location.bucket)
            return (false, nil)
        } catch {
            if error.code == "NoSuchBucket" { return (true, "the bucket \(location.bucket) does not exist at \(endpoint.scheme)://\(endpoint.host): create it, or name another in --storage") }
            return (false, error.description)
        }
    }
}
