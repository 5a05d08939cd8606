import Foundation
import Signing

/// Uploads one local file and confirms it arrived whole. Files up to
/// `multipartThreshold` go up in one PutObject; larger ones in parts of
/// `partSize` (S3's floor is 5 MiB), at most `partsInFlight` at once, so
/// memory is bounded by the parts in flight and not by the file. Each part
/// is retried with exponential backoff while its errors are transient.
/// The upload counts only once a HEAD shows the object's size and an ETag
/// that is the MD5 (or the multipart MD5 of MD5s) of the bytes sent.
public struct ObjectUploader: Sendable {
    public struct Settings: Sendable, Equatable {
        public var partSize: Int
        public var multipartThreshold: Int
        public var partsInFlight: Int
        /// Tries of one part before the whole upload fails.
        public var partAttempts: Int
        /// The first retry's wait; each next one doubles, up to 8 s.
        public var firstBackoffSeconds: Double

        public static let minimumPartSize = 5 << 20

        public init(partSize: Int = 8 << 20, multipartThreshold: Int? = nil, partsInFlight: Int = 4, partAttempts: Int = 6, firstBackoffSeconds: Double = 0.5) {
            self.partSize = max(partSize, Self.minimumPartSize)
            self.multipartThreshold = max(multipartThreshold ?? self.partSize, 1)
            self.partsInFlight = max(1, partsInFlight)
            self.partAttempts = max(1, partAttempts)
            self.firstBackoffSeconds = firstBackoffSeconds
        }
    }

    /// What the bucket confirmed.
    public struct Receipt: Equatable, Sendable {
        public var size: Int64
        public var etag: String
        public var parts: Int
    }

    /// An upload that did not complete; `unfinishedUploadID` is a multipart
    /// upload that could not be aborted (the storage was gone): abort it on
    /// the next try, so no orphan parts stay behind.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var error: S3Error
        public var unfinishedUploadID: String?
        public var description: String { error.description }
    }

    public let client: S3Client
    public let settings: Settings

    public init(client: S3Client, settings: Settings = Settings()) {
        self.client = client
        self.settings = settings
    }

    /// Uploads `path` to `key`. `abandoned` is a multipart upload left by an
    /// earlier try, aborted first. `progress` gets the bytes confirmed so far.
    public func upload(path: String, bucket: String, key: String, contentType: String, abandoned: String? = nil,
                       progress: @escaping @Sendable (Int64) async -> Void = { _ in }) async throws(Failure) -> Receipt {
        if let abandoned {
            do { try await client.abortMultipartUpload(bucket: bucket, key: key, uploadID: abandoned) } catch {
                throw Failure(error: error, unfinishedUploadID: abandoned)
            }
        }
        let size: Int64
        do { size = Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0) } catch {
            throw Failure(error: .localFile("cannot read \(path): \(error.localizedDescription)"), unfinishedUploadID: nil)
        }
        let receipt = size > Int64(settings.multipartThreshold)
            ? try await multipart(path: path, size: size, bucket: bucket, key: key, contentType: contentType, progress: progress)
            : try await single(path: path, size: size, bucket: bucket, key: key, contentType: contentType)
        await progress(size)
        return receipt
    }

    private func single(path: String, size: Int64, bucket: String, key: String, contentType: String) async throws(Failure) -> Receipt {
        let body = try Self.read(path, offset: 0, count: Int(size))
        let etag = try await retrying("PutObject \(key)") { () async throws(S3Error) -> String in
            try await client.putObject(bucket: bucket, key: key, body: body, contentType: contentType)
        }
        try await confirm(bucket: bucket, key: key, size: size, etag: etag)
        return Receipt(size: size, etag: etag, parts: 1)
    }

    private func multipart(path: String, size: Int64, bucket: String, key: String, contentType: String,
                           progress: @escaping @Sendable (Int64) async -> Void) async throws(Failure) -> Receipt {
        let uploadID = try await retrying("CreateMultipartUpload \(key)") { () async throws(S3Error) -> String in
            try await client.createMultipartUpload(bucket: bucket, key: key, contentType: contentType)
        }
        let partSize = Int64(settings.partSize)
        let count = Int((size + partSize - 1) / partSize)
        do throws(Failure) {
            let parts = try await uploadParts(path: path, size: size, count: count, bucket: bucket, key: key, uploadID: uploadID, progress: progress)
            let etags = parts.map { (number: $0.number, etag: HMACDigest.hex($0.md5)) }
            let etag = try await retrying("CompleteMultipartUpload \(key)") { () async throws(S3Error) -> String in
                try await client.completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, parts: etags)
            }
            let expected = S3Client.multipartETag(partMD5s: parts.map(\.md5))
            guard etag.lowercased() == expected else {
                throw Failure(error: .invalidAnswer("the object's ETag \(etag) is not \(expected), the MD5 of its parts' MD5s"), unfinishedUploadID: nil)
            }
            try await confirm(bucket: bucket, key: key, size: size, etag: etag)
            return Receipt(size: size, etag: etag, parts: count)
        } catch {
            // Abort, so the parts sent so far are not kept (and billed) forever; if that fails too, the next try aborts it.
            do { try await client.abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID) } catch {
                throw Failure(error: error, unfinishedUploadID: uploadID)
            }
            throw error
        }
    }

    private struct Part: Sendable {
        var number: Int
        var md5: [UInt8]
    }

    /// The parts, `partsInFlight` at a time, each read from the file only when its turn comes.
    private func uploadParts(path: String, size: Int64, count: Int, bucket: String, key: String, uploadID: String,
                             progress: @escaping @Sendable (Int64) async -> Void) async throws(Failure) -> [Part] {
        let partSize = Int64(settings.partSize)
        let result = await withTaskGroup(of: Result<(Part, Int64), Failure>.self) { group -> Result<[Part], Failure> in
            var next = 1, done: [Part] = [], confirmed: Int64 = 0
            func add() {
                let number = next
                next += 1
                group.addTask {
                    do {
                        let offset = Int64(number - 1) * partSize
                        let body = try Self.read(path, offset: offset, count: Int(min(partSize, size - offset)))
                        let md5 = body.md5
                        _ = try await retrying("UploadPart \(number) of \(key)") { () async throws(S3Error) -> String in
                            try await client.uploadPart(bucket: bucket, key: key, uploadID: uploadID, number: number, body: body, md5: md5)
                        }
                        return .success((Part(number: number, md5: md5), Int64(body.count)))
                    } catch let failure as Failure {
                        return .failure(failure)
                    } catch {
                        return .failure(Failure(error: .invalidAnswer("\(error)"), unfinishedUploadID: nil))
                    }
                }
            }
            while next <= min(count, settings.partsInFlight) { add() }
            for await outcome in group {
                switch outcome {
                case let .failure(failure):
                    group.cancelAll()
                    return .failure(failure)
                case let .success((part, bytes)):
                    done.append(part)
                    confirmed += bytes
                    await progress(confirmed)
                    if next <= count { add() }
                }
            }
            return .success(done.sorted { $0.number < $1.number })
        }
        return try result.get()
    }

    /// HEAD: the object is there with the size and ETag that were sent.
    private func confirm(bucket: String, key: String, size: Int64, etag: String) async throws(Failure) {
        let head = try await retrying("HeadObject \(key)") { () async throws(S3Error) -> (size: Int64, etag: String)? in
            try await client.headObject(bucket: bucket, key: key)
        }
        guard let head else { throw Failure(error: .invalidAnswer("\(key) is not in the bucket after its upload"), unfinishedUploadID: nil) }
        guard head.size == size else {
            throw Failure(error: .invalidAnswer("\(key) holds \(head.size) bytes in the bucket, not \(size)"), unfinishedUploadID: nil)
        }
        guard head.etag.isEmpty || head.etag.lowercased() == etag.lowercased() else {
            throw Failure(error: .invalidAnswer("\(key)'s ETag in the bucket is \(head.etag), not \(etag)"), unfinishedUploadID: nil)
        }
    }

    /// Runs `operation` until it succeeds, its error is not transient, or the tries run out.
    private func retrying<T: Sendable>(_ what: String, _ operation: () async throws(S3Error) -> T) async throws(Failure) -> T {
        var attempt = 1
        while true {
            do { return try await operation() } catch {
                guard error.isTransient, attempt < settings.partAttempts, !Task.isCancelled else { throw Failure(error: error, unfinishedUploadID: nil) }
                let wait = min(8, settings.firstBackoffSeconds * Double(1 << min(attempt - 1, 10)))
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                attempt += 1
            }
        }
    }

    /// `count` bytes of a file from `offset`, or the failure that says why not.
    public static func read(_ path: String, offset: Int64, count: Int) throws(Failure) -> Data {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(max(0, offset)))
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else { throw S3Error.localFile("\(path) is shorter than expected (it changed during the upload)") }
            return data
        } catch let error as S3Error {
            throw Failure(error: error, unfinishedUploadID: nil)
        } catch {
            throw Failure(error: .localFile("cannot read \(path): \(error.localizedDescription)"), unfinishedUploadID: nil)
        }
    }
}
