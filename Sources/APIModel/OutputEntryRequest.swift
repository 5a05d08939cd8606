/// One entry of a request's `outputs`: `{"kind": "composite", …}` (the
/// fields of `output`), `{"kind": "hls", "segmentSeconds": 2}` or
/// `{"kind": "thumbnails", "intervalSeconds": 10}` or `{"kind": "stream",
/// "urls": ["rtmp://…"]}`. One composite encode serves the file, the HLS
/// playlist and the live streams; thumbnails are its pictures.
/// `{"kind": "tracks"}` is each participant's tracks from the dump, copied
/// without transcoding. The other kind of the outputs list (`audio`) is
/// refused by name until this server makes it.
public struct OutputEntryRequest: Codable, Equatable, Sendable {
    public var kind: String
    // composite: the fields of `output`.
    public var format: String?
    public var width: Int?
    public var height: Int?
    public var fps: Int?
    public var videoBitrate: Int?
    public var preset: String?
    public var audioBitrate: Int?
    // hls
    public var segmentSeconds: Int?
    // thumbnails
    public var intervalSeconds: Int?
    // stream
    public var urls: [String]?

    public init(kind: String, format: String? = nil, width: Int? = nil, height: Int? = nil, fps: Int? = nil, videoBitrate: Int? = nil,
                preset: String? = nil, audioBitrate: Int? = nil, segmentSeconds: Int? = nil, intervalSeconds: Int? = nil, urls: [String]? = nil) {
        self.urls = urls
        self.kind = kind
        self.format = format
        self.width = width
        self.height = height
        self.fps = fps
        self.videoBitrate = videoBitrate
        self.preset = preset
        self.audioBitrate = audioBitrate
        self.segmentSeconds = segmentSeconds
        self.intervalSeconds = intervalSeconds
    }

    var compositeFields: OutputRequest {
        OutputRequest(format: format, width: width, height: height, fps: fps, videoBitrate: videoBitrate, preset: preset, audioBitrate: audioBitrate)
    }

    static let laterKinds = ["audio"]
}

/// The outputs of a job that passed validation: the composite file, and
/// the HLS playlist made from the same encode and thumbnails of its
/// pictures when asked for.
public struct OutputsSpec: Equatable, Sendable {
    public let composite: OutputSpec
    public let hls: HLSSpec?
    public let thumbnails: ThumbnailsSpec?
    /// Live stream destinations of the composite's encode (recordings only).
    public let streams: [String]
    /// Each track in a file of its own, on the session's timeline, without transcoding.
    public let tracks: Bool

    /// `output` (one composite file) or `outputs` (a list), not both; neither is the standard composite.
    public static func validated(output: OutputRequest?, outputs: [OutputEntryRequest]?) throws(ServiceError) -> OutputsSpec {
        guard let outputs else { return OutputsSpec(composite: try (output ?? OutputRequest()).validated(), hls: nil, thumbnails: nil, streams: [], tracks: false) }
        guard output == nil else { throw .invalid("give output or outputs, not both (output is the shorthand for one composite file)") }
        guard (1...8).contains(outputs.count) else { throw .invalid("outputs lists 1 to 8 outputs") }
        var composite: OutputSpec?, hls: HLSSpec?, thumbnails: ThumbnailsSpec?, streams: [String]?, tracks = false
        for (index, entry) in outputs.enumerated() {
            let at = "outputs[\(index)]"
            if entry.kind != "thumbnails", entry.intervalSeconds != nil { throw .invalid("\(at): intervalSeconds is for kind \"thumbnails\"") }
            if entry.kind != "hls", entry.segmentSeconds != nil { throw .invalid("\(at): segmentSeconds is for kind \"hls\"") }
            if entry.kind != "stream", entry.urls != nil { throw .invalid("\(at): urls is for kind \"stream\"") }
            switch entry.kind {
            case "composite":
                guard composite == nil else { throw .invalid("\(at): one composite per job (a second size or codec is not made yet)") }
                do { composite = try entry.compositeFields.validated() } catch { throw .invalid("\(at): \(error.message)") }
            case "hls":
                guard hls == nil else { throw .invalid("\(at): one hls output per job") }
                guard entry.compositeFields == OutputRequest() else {
                    throw .invalid("\(at): an hls output is the composite's encode; set its size and bitrates on the composite entry")
                }
                let seconds = entry.segmentSeconds ?? HLSSpec.standardSegmentSeconds
                guard (1...30).contains(seconds) else { throw .invalid("\(at): segmentSeconds must be 1 to 30") }
                hls = HLSSpec(segmentSeconds: seconds)
            case "thumbnails":
                guard thumbnails == nil else { throw .invalid("\(at): one thumbnails output per job") }
                guard entry.compositeFields == OutputRequest() else {
                    throw .invalid("\(at): thumbnails are the composite's pictures; set its size on the composite entry")
                }
                let seconds = entry.intervalSeconds ?? ThumbnailsSpec.standardIntervalSeconds
                guard (1...3600).contains(seconds) else { throw .invalid("\(at): intervalSeconds must be 1 to 3600") }
                thumbnails = ThumbnailsSpec(intervalSeconds: seconds)
            case "stream":
                guard streams == nil else { throw .invalid("\(at): one stream output per job (list every destination in its urls)") }
                guard entry.compositeFields == OutputRequest() else {
                    throw .invalid("\(at): a stream is the composite's encode; set its size and bitrates on the composite entry")
                }
                guard let urls = entry.urls, (1...StreamSpec.maximumDestinations).contains(urls.count) else {
                    throw .invalid("\(at): urls lists 1 to \(StreamSpec.maximumDestinations) stream destinations")
                }
                for url in urls { if let refusal = StreamURL.refusal(url) { throw .invalid("\(at): \(refusal)") } }
                guard Set(urls).count == urls.count else { throw .invalid("\(at): a destination is listed twice") }
                streams = urls
            case "tracks":
                guard !tracks else { throw .invalid("\(at): one tracks output per job") }
                guard entry.compositeFields == OutputRequest() else {
                    throw .invalid("\(at): tracks are copied as they came, without an encode: they take no size or bitrate")
                }
                tracks = true
            case let kind where OutputEntryRequest.laterKinds.contains(kind):
                throw ServiceError(status: 422, code: "unsupported_output", message: "\(at): outputs of kind \"\(kind)\" are not made by this server yet")
            default:
                throw .invalid("\(at): kind must be \"composite\", \"hls\", \"stream\", \"thumbnails\" or \"tracks\"")
            }
        }
        let file: OutputSpec
        if let composite { file = composite } else { file = try OutputRequest().validated() }
        if hls != nil, file.container != .mp4 {
            throw .invalid("an hls output needs the composite in mp4 (H.264 and AAC in fMP4 segments); a second encode is not made yet")
        }
        if streams != nil, file.container != .mp4 {
            throw .invalid("a stream output needs the composite in mp4 (H.264 and AAC, what RTMP and SRT ingest take); a second encode is not made yet")
        }
        return OutputsSpec(composite: file, hls: hls, thumbnails: thumbnails, streams: streams ?? [], tracks: tracks)
    }

    /// Whether the list is only the composite file, which `output` says as well.
    var isCompositeOnly: Bool { hls == nil && thumbnails == nil && streams.isEmpty && !tracks }

    /// Whether an output is made from the live composite (a recording without one cannot make it).
    var needsComposite: Bool { hls != nil || thumbnails != nil || !streams.isEmpty }

    /// The wire form with every default filled in (what a job stores).
    public var request: [OutputEntryRequest] {
        let file = composite.request
        var entries = [OutputEntryRequest(kind: "composite", format: file.format, width: file.width, height: file.height, fps: file.fps,
                                          videoBitrate: file.videoBitrate, preset: file.preset, audioBitrate: file.audioBitrate)]
        if let hls { entries.append(OutputEntryRequest(kind: "hls", segmentSeconds: hls.segmentSeconds)) }
        if let thumbnails { entries.append(OutputEntryRequest(kind: "thumbnails", intervalSeconds: thumbnails.intervalSeconds)) }
        if !streams.isEmpty { entries.append(OutputEntryRequest(kind: "stream", urls: streams)) }
        if tracks { entries.append(OutputEntryRequest(kind: "tracks")) }
        return entries
    }
}

/// The composite as HLS: fMP4 segments of `segmentSeconds`, each starting
/// on a keyframe, in a playlist that grows while the job runs.
public struct HLSSpec: Equatable, Sendable {
    public let segmentSeconds: Int
    public static let standardSegmentSeconds = 2
    public init(segmentSeconds: Int) { self.segmentSeconds = segmentSeconds }
}

/// A JPEG of the composite every `intervalSeconds` of output, from 0.
public struct ThumbnailsSpec: Equatable, Sendable {
    public let intervalSeconds: Int
    public static let standardIntervalSeconds = 10
    public init(intervalSeconds: Int) { self.intervalSeconds = intervalSeconds }
}

/// Limits of live streams.
public enum StreamSpec {
    /// Destinations a recording streams to at once (in the request and after changes).
    public static let maximumDestinations = 4
}
