import APIModel
import Foundation

/// A job as the API shows it: its state and times, what was asked, and
/// what it made and saw. Times are ISO 8601 (UTC).
public struct JobDocument: Codable, Sendable {
    public struct Failure: Codable, Sendable {
        public var reason: String
        public var message: String
    }

    public struct Transition: Codable, Sendable {
        public var from: String
        public var to: String
        public var at: String
        public var reason: String?
        /// The node that made the change, when several share the store.
        public var node: String?
    }

    public var id: String
    public var kind: String
    public var state: String
    public var room: String?
    public var createdAt: String
    public var updatedAt: String
    public var error: Failure?
    public var recording: RecordingRequest?
    public var render: RenderRequest?
    public var startedAt: String?
    public var stoppedAt: String?
    public var completedAt: String?
    /// Media length: what the dump holds while recording, the output file's length once rendered.
    public var durationSeconds: Double?
    /// Wall-clock seconds from start to stop (to now while it runs).
    public var elapsedSeconds: Double?
    /// Output seconds encoded so far by the live composite.
    public var progressSeconds: Double?
    public var bytesReceived: Int64?
    public var participants: [JobResult.Participant]
    public var tracks: [JobResult.Track]
    public var files: [JobResult.File]
    public var renderSpeed: Double?
    public var webhooks: [JobResult.WebhookAttempt]
    public var layoutChanges: [JobResult.LayoutChange]
    /// Each node's turn, when another node continued the recording after its node was lost.
    public var segments: [JobResult.Segment]
    public var history: [Transition]?
    /// Object storage: where the files go (`s3://BUCKET/PREFIX`), each file's upload, the live dump's parts.
    public var storage: String?
    public var uploads: [JobResult.Upload]?
    public var dumpShipping: JobResult.DumpShipping?
    /// The node that runs the job, when several machines share the store.
    public var node: String?
    /// The HLS output, when asked for: where its playlist is read (growing while the job runs).
    public var hls: HLSStatus?
    /// The live stream destinations, when the recording streams: each one's state.
    public var streams: [StreamStatus]?
    /// In a webhook's body: what happened when it is not a state change (`upload_completed`, `upload_failed`).
    public var event: String?

    public init(job: Job, result: JobResult, history: [JobTransition]? = nil, progressSeconds: Double? = nil) {
        id = job.id
        kind = job.kind.rawValue
        state = job.state.rawValue
        room = job.room
        node = job.owner
        createdAt = Self.time(job.createdAt)
        updatedAt = Self.time(job.updatedAt)
        if let reason = job.failureReason { error = Failure(reason: reason, message: job.failureMessage ?? reason) }
        let settings = Data(job.settings.utf8)
        switch job.kind {
        case .recording: recording = (try? JSONDecoder().decode(RecordingRequest.self, from: settings))?.withoutSecrets
        case .render: render = try? JSONDecoder().decode(RenderRequest.self, from: settings)
        }
        startedAt = result.startedAt.map(Self.time)
        stoppedAt = result.stoppedAt.map(Self.time)
        completedAt = result.completedAt.map(Self.time)
        durationSeconds = result.durationSeconds
        if let started = result.startedAt {
            let end = result.stoppedAt ?? (job.state.isFinal ? job.updatedAt : Int64(Date().timeIntervalSince1970 * 1_000_000))
            elapsedSeconds = Double(max(0, end &- started)) / 1_000_000
        }
        self.progressSeconds = progressSeconds
        bytesReceived = result.bytesReceived
        participants = result.participants
        tracks = result.tracks
        files = result.files
        renderSpeed = result.renderSpeed
        webhooks = result.webhooks
        layoutChanges = result.layoutChanges
        segments = result.segments
        storage = result.storage
        uploads = result.storage == nil ? nil : result.uploads
        dumpShipping = result.dumpShipping
        let outputs = recording?.outputs ?? render?.outputs
        if let entry = outputs?.first(where: { $0.kind == "hls" }) {
            let playlist = JobFiles.hlsPlaylistName(job.kind)
            hls = HLSStatus(playlist: "/v1/\(job.kind == .recording ? "recordings" : "renders")/\(job.id)/files/\(playlist)",
                            segmentSeconds: entry.segmentSeconds ?? HLSSpec.standardSegmentSeconds,
                            complete: job.state.isFinal && result.files.contains { $0.name == playlist })
        }
        if !result.streams.isEmpty {
            streams = result.streams.map { StreamStatus(url: $0.url, state: $0.state, since: Self.time($0.since), error: $0.error, reconnects: $0.reconnects) }
        }
        self.history = history?.map { Transition(from: $0.from.rawValue, to: $0.to.rawValue, at: Self.time($0.at), reason: $0.reason, node: $0.node) }
    }

    public struct HLSStatus: Codable, Equatable, Sendable {
        /// The playlist's path on this API (every segment is beside it, under the same files route).
        public var playlist: String
        public var segmentSeconds: Int
        /// The job has ended and the playlist has `#EXT-X-ENDLIST`; until then it is live.
        public var complete: Bool
    }

    public struct StreamStatus: Codable, Equatable, Sendable {
        /// The destination with its key hidden.
        public var url: String
        public var state: String
        public var since: String
        public var error: String?
        public var reconnects: Int
    }

    static func time(_ micros: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }
}

/// A page of jobs; `next` is the cursor for the following page, if any.
public struct JobPage: Codable, Sendable {
    public var jobs: [JobDocument]
    public var next: String?
}
