import Foundation
import JanusProtocol

/// `POST /v1/recordings`: record a room.
public struct RecordingRequest: Codable, Equatable, Sendable {
    /// Where the media comes from: `whip` (the room's WHIP publishers, the
    /// default), `room` (tessera joins the built-in room of that name as a
    /// peer and calls its participants), `whep` (tessera pulls `url` from a WHEP server and the
    /// stream joins the room as a participant) or `janus` (tessera joins the
    /// Janus VideoRoom `room` through the Janus API at `url`, HTTP or
    /// WebSocket, and subscribes to every publisher there, each a participant).
    /// The request as it may be stored and shown: the source's `token` and
    /// `pin` are write-only (used while the recording runs, never echoed).
    public var withoutSecrets: RecordingRequest {
        var copy = self
        copy.source?.token = nil
        copy.source?.pin = nil
        copy.outputs = outputs?.map { entry in
            var entry = entry
            entry.urls = entry.urls?.map(StreamURL.redacted)
            return entry
        }
        return copy
    }

    public struct Source: Codable, Equatable, Sendable {
        public var type: String
        public var url: String?
        /// Bearer token for the WHEP server; for Janus, the token of its token-based authentication.
        public var token: String?
        /// The participant's display name (default: the URL's host); WHEP only.
        public var name: String?
        /// The Janus VideoRoom to record: its number, or its string where Janus runs with `string_ids`
        /// (kept in its JSON type, which is the one Janus wants back).
        public var room: JanusID?
        /// The Janus room's PIN, when it has one.
        public var pin: String?
        public init(type: String, url: String? = nil, token: String? = nil, name: String? = nil, room: JanusID? = nil, pin: String? = nil) {
            self.type = type
            self.url = url
            self.token = token
            self.name = name
            self.room = room
            self.pin = pin
        }

        func validated() throws(ServiceError) -> SourceSpec {
            switch type {
            case "whip", "room":
                guard url == nil, token == nil, name == nil, room == nil, pin == nil else {
                    throw .invalid("source.url, token, name, room and pin are for types \"whep\" and \"janus\"")
                }
                return type == "whip" ? .whip : .room
            case "whep":
                let url = try validateURL(what: "the WHEP endpoint's")
                guard room == nil, pin == nil else { throw .invalid("source.room and pin are for type \"janus\"") }
                if let name, name.isEmpty || name.count > 128 { throw .invalid("source.name must be 1–128 characters") }
                return .whep(WHEPSourceSpec(url: url, token: token, participantName: name ?? url.host ?? "whep"))
            case "janus":
                let url = try validateURL(what: "the Janus API's (http://janus.example:8088/janus, or ws://janus.example:8188 for its WebSocket transport)",
                                          schemes: ["http", "https", "ws", "wss"])
                guard name == nil else { throw .invalid("source.name is for type \"whep\": Janus names its publishers") }
                let janusRoom: JanusID
                switch room {
                case nil: throw .invalid("source.room must name the Janus VideoRoom (its number, or its string id)")
                case let .string(text)? where text.isEmpty || text.count > 128: throw .invalid("source.room must be 1–128 characters")
                case let room?: janusRoom = room
                }
                if let pin, pin.isEmpty || pin.count > 256 { throw .invalid("source.pin must be 1–256 characters") }
                return .janus(JanusSourceSpec(url: url, room: janusRoom, pin: pin, token: token))
            default:
                throw .invalid("source.type must be \"whip\", \"room\", \"whep\" or \"janus\"")
            }
        }

        private func validateURL(what: String, schemes: Set<String> = ["http", "https"]) throws(ServiceError) -> URL {
            guard let url, url.count <= 2048, url.unicodeScalars.allSatisfy({ (0x21...0x7e).contains($0.value) }),
                  let parsed = URL(string: url), schemes.contains(parsed.scheme ?? ""), !(parsed.host ?? "").isEmpty else {
                throw .invalid("source.url must be \(what) \(schemes.sorted().map { $0 + "://" }.joined(separator: " or ")) URL, in ASCII")
            }
            if let token, token.isEmpty || token.count > 4096 || !token.unicodeScalars.allSatisfy({ (0x21...0x7e).contains($0.value) }) {
                throw .invalid("source.token must be 1–4096 visible ASCII characters")
            }
            return parsed
        }
    }

    public var room: String
    public var source: Source?
    public var layout: String?
    public var output: OutputRequest?
    /// Several outputs from one encode (the composite file and its HLS playlist); `output` is the shorthand for one file.
    public var outputs: [OutputEntryRequest]?
    public var limits: LimitsRequest?
    public var webhookUrl: String?
    public var metadata: [String: String]?
    /// Where this job's files go in the server's bucket (`--storage`): its own prefix; credentials stay on the server.
    public var storage: StorageRequest?
    /// false: keep the dump only (the cheapest capture); render it later with `POST /v1/renders`.
    public var liveComposite: Bool?

    public init(room: String, source: Source? = nil, layout: String? = nil, output: OutputRequest? = nil, limits: LimitsRequest? = nil,
                webhookUrl: String? = nil, metadata: [String: String]? = nil, liveComposite: Bool? = nil) {
        self.room = room
        self.source = source
        self.layout = layout
        self.output = output
        self.limits = limits
        self.webhookUrl = webhookUrl
        self.metadata = metadata
        self.liveComposite = liveComposite
    }

    /// The request with defaults filled in, or why it is refused.
    public func validated() throws(ServiceError) -> RecordingSpec {
        guard SafeName.isValid(room) else {
            throw .invalid("room must be 1–64 letters, digits, '-' or '_'")
        }
        let wireSource = source ?? Source(type: "whip")
        let source = try wireSource.validated()
        try validateLayoutName(layout)
        let made = try OutputsSpec.validated(output: output, outputs: outputs)
        let output = made.composite
        try limits?.validate()
        try validateWebhookURL(webhookUrl)
        try validateMetadata(metadata)
        try storage?.validate()
        var request = self
        request.source = wireSource
        request.layout = layout ?? "grid"
        request.output = made.isCompositeOnly ? output.request : nil
        request.outputs = made.isCompositeOnly ? nil : made.request
        request.liveComposite = liveComposite ?? true
        guard !made.needsComposite || liveComposite != false else {
            throw .invalid("hls, stream and thumbnails outputs are made from the live composite: leave liveComposite on")
        }
        return RecordingSpec(room: room, source: source, layout: layout ?? "grid", output: output, hls: made.hls, thumbnails: made.thumbnails,
                             streams: made.streams, tracks: made.tracks, limits: limits,
                             webhookUrl: webhookUrl, liveComposite: liveComposite ?? true, request: request)
    }
}

/// `POST /v1/renders`: render a stored dump (a recording's or an upload's) again.
public struct RenderRequest: Codable, Equatable, Sendable {
    public var recordingId: String?
    public var uploadId: String?
    public var layout: String?
    public var output: OutputRequest?
    /// Several outputs from one encode (the composite file and its HLS playlist); `output` is the shorthand for one file.
    public var outputs: [OutputEntryRequest]?
    /// Session seconds to start and stop at.
    public var from: Double?
    public var to: Double?
    public var webhookUrl: String?
    public var metadata: [String: String]?
    /// Where this job's files go in the server's bucket (`--storage`): its own prefix; credentials stay on the server.
    public var storage: StorageRequest?

    public init(recordingId: String? = nil, uploadId: String? = nil, layout: String? = nil, output: OutputRequest? = nil,
                from: Double? = nil, to: Double? = nil, webhookUrl: String? = nil, metadata: [String: String]? = nil) {
        self.recordingId = recordingId
        self.uploadId = uploadId
        self.layout = layout
        self.output = output
        self.from = from
        self.to = to
        self.webhookUrl = webhookUrl
        self.metadata = metadata
    }

    public func validated() throws(ServiceError) -> RenderSpec {
        let source: RenderSpec.Source
        switch (recordingId, uploadId) {
        case let (recording?, nil): source = .recording(recording)
        case let (nil, upload?): source = .upload(upload)
        default: throw .invalid("give exactly one of recordingId and uploadId")
        }
        try validateLayoutName(layout)
        let made = try OutputsSpec.validated(output: output, outputs: outputs)
        let output = made.composite
        // Finite and within a day's render: these become integer microseconds.
        if let from, !(from >= 0 && from <= Self.maximumSeconds) { throw .invalid("from must be between 0 and \(Int(Self.maximumSeconds)) seconds") }
        if let to, !(to > 0 && to <= Self.maximumSeconds) { throw .invalid("to must be more than 0 and at most \(Int(Self.maximumSeconds)) seconds") }
        try validateWebhookURL(webhookUrl)
        try validateMetadata(metadata)
        try storage?.validate()
        guard made.streams.isEmpty else { throw .invalid("a stream output is live: it is for recordings, not renders") }
        guard !made.tracks || (from == nil && to == nil) else {
            throw .invalid("a tracks output copies whole tracks: from and to cut the composite only, so give them in a render without tracks")
        }
        var request = self
        request.layout = layout ?? "grid"
        request.output = made.isCompositeOnly ? output.request : nil
        request.outputs = made.isCompositeOnly ? nil : made.request
        return RenderSpec(source: source, layout: layout ?? "grid", output: output, hls: made.hls, thumbnails: made.thumbnails, tracks: made.tracks, from: from, to: to, webhookUrl: webhookUrl, request: request)
    }

    /// The longest session time a render range may name: 24 hours.
    public static let maximumSeconds: Double = 86_400
}

/// A job's metadata: small enough to store and echo with every job.
public func validateMetadata(_ metadata: [String: String]?) throws(ServiceError) {
    if let metadata, metadata.count > 64 || metadata.contains(where: { $0.key.count > 128 || $0.value.count > 1024 }) {
        throw .invalid("metadata holds at most 64 keys of up to 128 characters, values up to 1024")
    }
}

public func validateWebhookURL(_ url: String?) throws(ServiceError) {
    guard let url else { return }
    // ASCII without spaces or controls (RFC 3986 characters), a scheme of http or https, and a host.
    guard url.count <= 2048, url.unicodeScalars.allSatisfy({ (0x21...0x7e).contains($0.value) }),
          let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), !(parsed.host ?? "").isEmpty else {
        throw .invalid("webhookUrl must be an http:// or https:// URL with a host, in ASCII")
    }
}

/// A job's own place in the server's bucket.
public struct StorageRequest: Codable, Equatable, Sendable {
    /// Object key prefix, e.g. `customers/42`: parts of letters, digits and `- . _ ~ = +`.
    public var prefix: String

    public init(prefix: String) { self.prefix = prefix }

    func validate() throws(ServiceError) {
        let parts = prefix.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~=+".utf8)
        guard !prefix.isEmpty, prefix.utf8.count <= 512,
              parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.utf8.allSatisfy(allowed.contains) }) else {
            throw .invalid("storage.prefix must be 1–512 bytes of parts made of letters, digits and - . _ ~ = +, separated by /, with no empty, . or .. part")
        }
    }
}
