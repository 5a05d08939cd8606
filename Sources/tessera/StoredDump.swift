import Foundation
import Jobs
import ObjectStorage

/// A dump argument named by `s3://BUCKET/PREFIX/dumps/ID/`: fetched into a
/// temporary folder (`StoredDumpFetch`) before it is rendered.
enum StoredDump {
    /// The local path to render: `argument` itself, or a file fetched into a temporary folder.
    static func fetch(_ argument: String, storage: StorageOptions) async throws -> (path: String, temporary: String?) {
        guard argument.hasPrefix("s3://") else { return (argument, nil) }
        var options = storage
        options.storage = options.storage ?? argument
        guard let settings = try options.settings() else { throw CLIError("\(argument): object storage settings are missing") }
        let location: S3Location
        do { location = try S3Location(url: argument) } catch { throw CLIError("\(error)") }
        let temporary = NSTemporaryDirectory() + "tessera-dump-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let path = temporary + "/" + "session.rtpd"
        do {
            _ = try await StoredDumpFetch.fetch(client: settings.client(), bucket: location.bucket, folder: location.prefix, to: path) { printError($0) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIError("fetching \(argument) failed: \(error)")
        }
        return (path, temporary)
    }
}
