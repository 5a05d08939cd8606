import ArgumentParser
import Foundation
import Jobs
import ObjectStorage

/// Object storage flags, shared by `serve` and `render s3://…`.
struct StorageOptions: ParsableArguments {
    @Option(help: "Keep finished files and live dump parts in S3-compatible storage: s3://BUCKET/PREFIX. Default: the data directory only.")
    var storage: String?
    @Option(help: "The storage server's base URL (http(s)://HOST[:PORT]).") var s3Endpoint: String?
    @Option(help: "The region requests are signed for.") var s3Region = "us-east-1"
    @Flag(help: "Address buckets in the path (http://HOST/BUCKET/KEY), as most S3-compatible servers want, instead of the host name.")
    var s3PathStyle = false
    @Option(help: "Access key (default: $AWS_ACCESS_KEY_ID).") var s3AccessKey: String?
    @Option(help: "Secret key (default: $AWS_SECRET_ACCESS_KEY).") var s3SecretKey: String?
    @Flag(help: "Keep local copies after the bucket confirmed them (default: removed once confirmed).") var storageKeepLocal = false
    @Flag(help: "Stream downloads of stored files through this server (Range, ETag) instead of redirecting to a presigned URL.")
    var storageProxy = false
    @Option(help: "Seconds between the parts a running recording ships of its dump.") var dumpShipInterval = 5.0
    @Option(help: "Hours a failing upload keeps being retried before it waits for POST /v1/recordings/ID/upload.") var uploadRetryHours = 24.0
    @Option(help: "Longest wait, in seconds, between two tries of a failing upload (the waits double up to it).") var uploadRetryMaxDelay = 60.0
    @Option(help: "Size of one multipart upload part, in MB (at least 5).") var s3PartMb = 8
    @Option(help: "Multipart parts sent at once (memory: parts in flight × part size).") var s3PartsInFlight = 4

    /// The flags as settings; nil without `--storage`.
    func settings() throws -> StorageSettings? {
        guard let storage else {
            if s3Endpoint != nil { throw ValidationError("--s3-endpoint needs --storage s3://BUCKET/PREFIX") }
            return nil
        }
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = s3Endpoint else { throw ValidationError("--storage needs --s3-endpoint URL (the storage server's base URL)") }
        guard let access = s3AccessKey ?? environment["AWS_ACCESS_KEY_ID"], !access.isEmpty,
              let secret = s3SecretKey ?? environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw ValidationError("--storage needs credentials: --s3-access-key and --s3-secret-key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        guard dumpShipInterval >= 0.5, dumpShipInterval <= 3600 else { throw ValidationError("--dump-ship-interval: 0.5 to 3600 seconds") }
        guard uploadRetryHours >= 0, uploadRetryHours <= 24 * 30 else { throw ValidationError("--upload-retry-hours: 0 to 720") }
        guard (5...5120).contains(s3PartMb) else { throw ValidationError("--s3-part-mb: 5 to 5120 (S3's smallest part is 5 MB)") }
        guard (1...64).contains(s3PartsInFlight) else { throw ValidationError("--s3-parts-in-flight: 1 to 64") }
        var settings: StorageSettings
        do {
            settings = StorageSettings(location: try S3Location(url: storage),
                                       endpoint: try S3Endpoint(url: endpoint, region: s3Region, pathStyle: s3PathStyle),
                                       credentials: S3Credentials(accessKey: access, secretKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"]))
        } catch { throw ValidationError(error.description) }
        settings.keepLocal = storageKeepLocal
        settings.proxy = storageProxy
        settings.dumpShipIntervalSeconds = dumpShipInterval
        settings.retryWindowSeconds = uploadRetryHours * 3600
        guard uploadRetryMaxDelay >= 0.5, uploadRetryMaxDelay <= 3600 else { throw ValidationError("--upload-retry-max-delay: 0.5 to 3600 seconds") }
        settings.maximumRetryDelaySeconds = uploadRetryMaxDelay
        settings.uploader = ObjectUploader.Settings(partSize: s3PartMb << 20, partsInFlight: s3PartsInFlight)
        return settings
    }
}
