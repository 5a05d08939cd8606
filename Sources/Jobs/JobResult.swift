/// What a job has made and seen, kept with it as JSON: its files, the
/// recording's participants and tracks, times, and webhook deliveries.
public struct JobResult: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        public var name: String
        public var size: Int64
        public var contentType: String
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

    public init() {}

    enum CodingKeys: String, CodingKey {
        case dump, files, participants, tracks, startedAt, stoppedAt, completedAt, durationSeconds, bytesReceived, framesWritten,
             renderSpeed, framesSkippedBehind, webhooks, layoutChanges, renderAttempts
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
    }
}
