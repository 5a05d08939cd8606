import ObjectStorage

/// Object storage for a server (`--storage s3://BUCKET/PREFIX`): where
/// files go, how they go, and what stays local.
public struct StorageSettings: Sendable {
    public var location: S3Location
    public var endpoint: S3Endpoint
    public var credentials: S3Credentials
    /// Keep local copies after the bucket confirmed them (`--storage-keep-local`).
    public var keepLocal = false
    /// Stream downloads through tessera instead of redirecting to a presigned URL (`--storage-proxy`).
    public var proxy = false
    /// How often a running recording ships its dump's new bytes (`--dump-ship-interval`).
    public var dumpShipIntervalSeconds = 5.0
    /// How long a failing upload keeps being retried before it waits for `POST …/upload`.
    public var retryWindowSeconds = 86_400.0
    /// The longest wait between two tries of a failing upload.
    public var maximumRetryDelaySeconds = 60.0
    /// Lifetime of the presigned URL a download is redirected to.
    public var presignSeconds = 300
    public var uploader = ObjectUploader.Settings()

    public init(location: S3Location, endpoint: S3Endpoint, credentials: S3Credentials) {
        self.location = location
        self.endpoint = endpoint
        self.credentials = credentials
    }

    public func client() -> S3Client { S3Client(endpoint: endpoint, credentials: credentials) }
}

/// The object keys of a job's files, mirroring the data directory: a
/// recording's files under `recordings/ID/`, a render's under
/// `renders/ID/`, a recording's dump (whole, and its live parts) under `dumps/ID/`.
enum ObjectKeys {
    static func key(of name: String, in job: JobFiles.Key) -> String {
        if job.kind == .recording && name == JobFiles.dumpName { return dumpFolder(job.id) + name }
        return job.folder + "/" + name
    }

    static func dumpFolder(_ recordingID: String) -> String { "dumps/\(recordingID)/" }

    /// Where a turn's live parts go: the first turn's in the dump folder
    /// itself, a turn recorded after a takeover in `turn-N/` beneath it, so
    /// no turn ships over another's parts.
    static func turnFolder(_ recordingID: String, turn: Int) -> String {
        turn <= 1 ? dumpFolder(recordingID) : dumpFolder(recordingID) + "turn-\(turn)/"
    }

    /// `000001.part`, …: numbered so a listing sorts them in order.
    static func dumpPart(_ recordingID: String, number: Int, turn: Int = 1) -> String {
        let digits = String(number)
        return turnFolder(recordingID, turn: turn) + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".part"
    }
}
