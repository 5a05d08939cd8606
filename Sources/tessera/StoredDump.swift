import Foundation
import ObjectStorage

/// A dump named by `s3://BUCKET/PREFIX/dumps/ID/`: the whole `session.rtpd`
/// when the recording ended and uploaded it, else its live parts fetched
/// in order and joined (which reads as the dump up to the last part).
enum StoredDump {
    /// The local path to render: `argument` itself, or a file fetched into a temporary folder.
    static func fetch(_ argument: String, storage: StorageOptions) async throws -> (path: String, temporary: String?) {
        guard argument.hasPrefix("s3://") else { return (argument, nil) }
        var options = storage
        options.storage = options.storage ?? argument
        guard let settings = try options.settings() else { throw CLIError("\(argument): object storage settings are missing") }
        let location: S3Location
        do { location = try S3Location(url: argument) } catch { throw CLIError("\(error)") }
        let client = settings.client()
        let folder = location.prefix.isEmpty ? "" : location.prefix + "/"
        let objects: [S3Answers.Object]
        do { objects = try await client.listObjects(bucket: location.bucket, prefix: folder) } catch { throw CLIError("listing \(argument) failed: \(error)") }
        let temporary = NSTemporaryDirectory() + "tessera-dump-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let joined = temporary + "/session.rtpd"
        if let whole = objects.first(where: { $0.key == folder + "session.rtpd" }) {
            do { _ = try await client.download(bucket: location.bucket, key: whole.key, to: joined) } catch { throw CLIError("fetching \(whole.key) failed: \(error)") }
            printError("fetched \(location.url(ofKey: whole.key)) (\(whole.size) bytes)")
            return (joined, temporary)
        }
        let parts = objects.filter { $0.key.hasSuffix(".part") && !$0.key.dropFirst(folder.count).contains("/") }.sorted { $0.key < $1.key }
        guard !parts.isEmpty else { throw CLIError("\(argument) holds neither session.rtpd nor dump parts (NNNNNN.part)") }
        guard FileManager.default.createFile(atPath: joined, contents: nil), let output = FileHandle(forWritingAtPath: joined) else { throw CLIError("cannot write \(joined)") }
        defer { try? output.close() }
        var total: Int64 = 0
        for (index, part) in parts.enumerated() {
            let piece = temporary + "/piece"
            do { _ = try await client.download(bucket: location.bucket, key: part.key, to: piece) } catch { throw CLIError("fetching \(part.key) failed: \(error)") }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: piece))
            try output.write(contentsOf: bytes)
            total += Int64(bytes.count)
            try? FileManager.default.removeItem(atPath: piece)
            printError("fetched part \(index + 1) of \(parts.count): \(total) bytes")
        }
        return (joined, temporary)
    }
}
