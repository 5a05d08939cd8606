/// What a job has made and seen, kept with it as JSON: its files, the
/// recording's participants and tracks, times, and webhook deliveries.
public struct JobResult: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        public var name: String
        public var size: Int64
        public var contentType: String
        /// Where the file is kept: `s3://BUCKET/KEY` once the bucket confirmed it, else nil (the local data directory).
        public var location: String?
        public init(name: String, size: Int64, contentType: String) {
            self.name = name
            self.size = size
            self.contentType = contentType
        }
    }

    public struct Participant: Codable, Equatable, Sendable {
        public var id: String
        public var name: String?
    }

    public struct Track: Codable, Equatable, Sendable {
        public var id: Int
        public var participantId: String
        public var kind: String
        public var codec: String
        public var packets: Int
        public var bytes: Int
        public var ended: Bool
    }

    public struct WebhookAttempt: Codable, Equatable, Sendable {
        public var state: String
        public var url: String
        public var at: Int64
        public var attempt: Int
        /// The receiver's HTTP status, if it answered.
        public var status: Int?
        public var error: String?
        public var delivered: Bool
    }

    /// A layout change of a running recording (`PATCH`), from `at` (µs since the Unix epoch) on.
    public struct LayoutChange: Codable, Equatable, Sendable {
        public var layout: String
        public var at: Int64
    }

    /// The dump this job wrote or read, relative to the data directory.
    public var dump: String?
    public var files: [File] = []
    public var participants: [Participant] = []
    public var tracks: [Track] = []
    /// Microseconds since the Unix epoch.
    public var startedAt: Int64?
    public var stoppedAt: Int64?
    public var completedAt: Int64?
    public var durationSeconds: Double?
    public var bytesReceived: Int64?
    public var framesWritten: Int?
    /// Output seconds per wall second of the render.
    public var renderSpeed: Double?
    /// Output frames the live render did not draw because the machine was too busy to keep up with the call.
    public var framesSkippedBehind: Int?
    public var webhooks: [WebhookAttempt] = []
    public var layoutChanges: [LayoutChange] = []
    /// Batch renders begun for this job (a render job's run, a recording's
    /// render from its dump after a restart). One found unfinished after
    /// two of them crashed the process: it is not tried a third time.
    public var renderAttempts = 0
    /// Object storage: where the job's files go, each file's upload, and the live dump's parts.
    public var storage: String?
    public var uploads: [Upload] = []
    public var dumpShipping: DumpShipping?
    /// Whether `upload_completed` was told for the current set of uploads.
    public var uploadsAnnounced = false
    /// A recording continued by another node after its node was lost: each
    /// node's turn, in order (empty for a recording made in one go).
    public var segments: [Segment] = []
    /// The live stream destinations, each as it is now (a removed one stays, stopped).
    public var streams: [Stream] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case dump, files, participants, tracks, startedAt, stoppedAt, completedAt, durationSeconds, bytesReceived, framesWritten,
             renderSpeed, framesSkippedBehind, webhooks, layoutChanges, renderAttempts, storage, uploads, dumpShipping, uploadsAnnounced,
             segments, streams
    }

    /// Results stored before a field existed decode with its default.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dump = try container.decodeIfPresent(String.self, forKey: .dump)
        files = try container.decodeIfPresent([File].self, forKey: .files) ?? []
        participants = try container.decodeIfPresent([Participant].self, forKey: .participants) ?? []
        tracks = try container.decodeIfPresent([Track].self, forKey: .tracks) ?? []
        startedAt = try container.decodeIfPresent(Int64.self, forKey: .startedAt)
        stoppedAt = try container.decodeIfPresent(Int64.self, forKey: .stoppedAt)
        completedAt = try container.decodeIfPresent(Int64.self, forKey: .completedAt)
        durationSeconds = try container.decodeIfPresent(Double.self, forKey: .durationSeconds)
        bytesReceived = try container.decodeIfPresent(Int64.self, forKey: .bytesReceived)
        framesWritten = try container.decodeIfPresent(Int.self, forKey: .framesWritten)
        renderSpeed = try container.decodeIfPresent(Double.self, forKey: .renderSpeed)
        framesSkippedBehind = try container.decodeIfPresent(Int.self, forKey: .framesSkippedBehind)
        webhooks = try container.decodeIfPresent([WebhookAttempt].self, forKey: .webhooks) ?? []
        layoutChanges = try container.decodeIfPresent([LayoutChange].self, forKey: .layoutChanges) ?? []
        renderAttempts = try container.decodeIfPresent(Int.self, forKey: .renderAttempts) ?? 0
        storage = try container.decodeIfPresent(String.self, forKey: .storage)
        uploads = try container.decodeIfPresent([Upload].self, forKey: .uploads) ?? []
        dumpShipping = try container.decodeIfPresent(DumpShipping.self, forKey: .dumpShipping)
        uploadsAnnounced = try container.decodeIfPresent(Bool.self, forKey: .uploadsAnnounced) ?? false
        segments = try container.decodeIfPresent([Segment].self, forKey: .segments) ?? []
        streams = try container.decodeIfPresent([Stream].self, forKey: .streams) ?? []
    }
}

extension JobResult {
    /// One file's way into object storage.
    public struct Upload: Codable, Equatable, Sendable {
        public enum State: String, Codable, Sendable { case pending, uploading, uploaded, failed }

        public var name: String
        /// `s3://BUCKET/KEY`.
        public var location: String
        public var key: String
        public var state: State
        /// Bytes the bucket has confirmed so far, and the file's size.
        public var bytes: Int64
        public var size: Int64
        public var attempts: Int
        public var error: String?
        public var etag: String?
        /// µs since the Unix epoch: when the current run of failures began, and when the next try is due.
        public var failingSince: Int64?
        public var nextAttemptAt: Int64?
        /// A multipart upload a failed try could not abort: aborted before the next.
        public var unfinishedUploadID: String?
        /// Whether the local copy was removed after the bucket confirmed the object.
        public var localRemoved: Bool

        public init(name: String, location: String, key: String, size: Int64) {
            self.name = name
            self.location = location
            self.key = key
            state = .pending
            bytes = 0
            self.size = size
            attempts = 0
            localRemoved = false
        }
    }

    /// The live dump's numbered parts shipped to the bucket while the recording ran.
    public struct DumpShipping: Codable, Equatable, Sendable {
        /// `s3://BUCKET/PREFIX/dumps/ID/`.
        public var location: String
        public var parts: Int
        public var bytes: Int64
        public var error: String?
    }
}

extension JobResult {
    /// One node's turn at a recording.
    public struct Segment: Codable, Equatable, Sendable {
        public var node: String?
        /// When the node began its turn (Unix ms).
        public var startedAt: Int64
        /// Seconds of call between the previous turn's last packet and this one's first (none for the first turn).
        public var gapSeconds: Double?

        public init(node: String?, startedAt: Int64, gapSeconds: Double? = nil) {
            self.node = node
            self.startedAt = startedAt
            self.gapSeconds = gapSeconds
        }
    }
}

extension JobResult {
    /// One live stream destination of a recording.
    public struct Stream: Codable, Equatable, Sendable {
        /// The destination with its key hidden (`rtmp://host/app/****`).
        public var url: String
        /// `connecting`, `live`, `retrying` (the last attempt failed; the next comes after a back-off) or `stopped`.
        public var state: String
        /// When the state began (µs since the Unix epoch).
        public var since: Int64
        /// Why the last attempt failed.
        public var error: String?
        /// Connections opened after the first.
        public var reconnects: Int
    }
}
