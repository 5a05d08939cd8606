import APIModel
import Foundation
import Testing

/// `outputs`: what is made from one encode, refused with the entry and the field named.
struct OutputsValidationTests {
    static func spec(_ json: String) throws -> RecordingSpec {
        try JSONDecoder().decode(RecordingRequest.self, from: Data(json.utf8)).validated()
    }

    @Test(arguments: [
        (#"{"room": "r", "output": {}, "outputs": [{"kind": "hls"}]}"#, 400, "output or outputs"),
        (#"{"room": "r", "outputs": []}"#, 400, "1 to 8"),
        (#"{"room": "r", "outputs": [{"kind": "movie"}]}"#, 400, "outputs[0]: kind"),
        (#"{"room": "r", "outputs": [{"kind": "hls", "segmentSeconds": 0}]}"#, 400, "segmentSeconds must be 1 to 30"),
        (#"{"room": "r", "outputs": [{"kind": "hls", "segmentSeconds": 31}]}"#, 400, "segmentSeconds must be 1 to 30"),
        (#"{"room": "r", "outputs": [{"kind": "hls", "width": 640}]}"#, 400, "composite's encode"),
        (#"{"room": "r", "outputs": [{"kind": "hls"}, {"kind": "hls"}]}"#, 400, "outputs[1]: one hls"),
        (#"{"room": "r", "outputs": [{"kind": "composite"}, {"kind": "composite", "width": 640}]}"#, 400, "outputs[1]: one composite"),
        (#"{"room": "r", "outputs": [{"kind": "composite", "segmentSeconds": 2}]}"#, 400, "segmentSeconds is for kind"),
        (#"{"room": "r", "outputs": [{"kind": "composite", "width": 641}]}"#, 400, "outputs[0]: output.width"),
        (#"{"room": "r", "outputs": [{"kind": "composite", "format": "webm"}, {"kind": "hls"}]}"#, 400, "needs the composite in mp4"),
        (#"{"room": "r", "liveComposite": false, "outputs": [{"kind": "hls"}]}"#, 400, "live composite"),
        (#"{"room": "r", "outputs": [{"kind": "stream"}]}"#, 400, "urls lists 1 to 4"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": []}]}"#, 400, "urls lists 1 to 4"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp://h/a/1", "rtmp://h/a/2", "rtmp://h/a/3", "rtmp://h/a/4", "rtmp://h/a/5"]}]}"#, 400, "1 to 4"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp://h/a/k", "rtmp://h/a/k"]}]}"#, 400, "listed twice"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["http://h/a/k"]}]}"#, 400, "starts with rtmp://"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp://h/key"]}]}"#, 400, "application and a stream key"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp://u:p@h/a/k"]}]}"#, 400, "names a host"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp:///a/k"]}]}"#, 400, "names a host"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp://h/a/k y"]}]}"#, 400, "printable ASCII"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp://h/a/k"], "width": 640}]}"#, 400, "composite's encode"),
        (#"{"room": "r", "outputs": [{"kind": "composite", "format": "webm"}, {"kind": "stream", "urls": ["srt://h:9000"]}]}"#, 400, "needs the composite in mp4"),
        (#"{"room": "r", "liveComposite": false, "outputs": [{"kind": "stream", "urls": ["srt://h:9000"]}]}"#, 400, "live composite"),
        (#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["srt://h:1"]}, {"kind": "stream", "urls": ["srt://h:2"]}]}"#, 400, "one stream output"),
        (#"{"room": "r", "outputs": [{"kind": "tracks"}, {"kind": "tracks"}]}"#, 400, "outputs[1]: one tracks"),
        (#"{"room": "r", "outputs": [{"kind": "tracks", "format": "webm"}]}"#, 400, "without an encode"),
        (#"{"room": "r", "outputs": [{"kind": "audio"}]}"#, 422, "\"audio\" are not made"),
        (#"{"room": "r", "outputs": [{"kind": "thumbnails", "intervalSeconds": 0}]}"#, 400, "intervalSeconds must be 1 to 3600"),
        (#"{"room": "r", "outputs": [{"kind": "thumbnails", "width": 64}]}"#, 400, "composite's pictures"),
        (#"{"room": "r", "outputs": [{"kind": "hls", "intervalSeconds": 5}]}"#, 400, "intervalSeconds is for kind"),
        (#"{"room": "r", "outputs": [{"kind": "composite", "urls": []}]}"#, 400, "urls is for kind"),
        (#"{"room": "r", "outputs": [{"kind": "thumbnails"}, {"kind": "thumbnails"}]}"#, 400, "outputs[1]: one thumbnails"),
        (#"{"room": "r", "liveComposite": false, "outputs": [{"kind": "thumbnails"}]}"#, 400, "live composite"),
    ] as [(String, Int, String)])
    func badOutputsAreRefusedNamingTheEntry(json: String, status: Int, says: String) throws {
        let request = try JSONDecoder().decode(RecordingRequest.self, from: Data(json.utf8))
        #expect(throws: ServiceError.self) { try request.validated() }
        do {
            _ = try request.validated()
        } catch {
            #expect(error.status == status && error.message.contains(says), "\(json): \(error)")
        }
    }

    @Test func hlsComesFromTheCompositesEncodeAndIsStoredWithItsDefaults() throws {
        let spec = try Self.spec(#"{"room": "r", "outputs": [{"kind": "hls", "segmentSeconds": 4}, {"kind": "composite", "width": 640, "height": 360}]}"#)
        #expect(spec.hls == HLSSpec(segmentSeconds: 4) && spec.output.width == 640 && spec.output.container == .mp4)
        #expect(spec.request.output == nil)
        #expect(spec.request.outputs?.map(\.kind) == ["composite", "hls"] && spec.request.outputs?.first?.fps == 30)
        // What is stored validates again to the same (a restart, a takeover).
        let stored = try JSONDecoder().decode(RecordingRequest.self, from: JSONEncoder().encode(spec.request)).validated()
        #expect(stored == spec)
        // hls alone: the standard composite, in 2 s segments.
        let alone = try Self.spec(#"{"room": "r", "outputs": [{"kind": "hls"}]}"#)
        #expect(alone.hls?.segmentSeconds == 2 && alone.output == OutputSpec.standard)
        // A list with the composite alone is the same as `output`.
        let file = try Self.spec(#"{"room": "r", "outputs": [{"kind": "composite", "format": "webm"}]}"#)
        #expect(file.hls == nil && file.output.container == .webm && file.request.outputs == nil && file.request.output?.format == "webm")
    }

    @Test func thumbnailsComeWithTheCompositeAndAreStored() throws {
        let spec = try Self.spec(#"{"room": "r", "outputs": [{"kind": "thumbnails", "intervalSeconds": 5}, {"kind": "hls"}, {"kind": "composite", "format": "mp4"}]}"#)
        #expect(spec.thumbnails == ThumbnailsSpec(intervalSeconds: 5) && spec.hls?.segmentSeconds == 2)
        #expect(spec.request.outputs?.map(\.kind) == ["composite", "hls", "thumbnails"])
        let stored = try JSONDecoder().decode(RecordingRequest.self, from: JSONEncoder().encode(spec.request)).validated()
        #expect(stored == spec)
        // Thumbnails of a webm composite are fine: they are its pictures, not its packets.
        let webm = try Self.spec(#"{"room": "r", "outputs": [{"kind": "composite", "format": "webm"}, {"kind": "thumbnails"}]}"#)
        #expect(webm.thumbnails?.intervalSeconds == 10 && webm.output.container == .webm)
    }

    @Test func streamsAreKeptInTheSpecAndStoredWithTheirKeysHidden() throws {
        let spec = try Self.spec(#"{"room": "r", "outputs": [{"kind": "stream", "urls": ["rtmp://ingest.example/live/SECRET", "srt://h:9000?streamid=S&latency=200"]}]}"#)
        #expect(spec.streams == ["rtmp://ingest.example/live/SECRET", "srt://h:9000?streamid=S&latency=200"] && spec.output.container == .mp4)
        let stored = spec.request.withoutSecrets.outputs?.first { $0.kind == "stream" }?.urls ?? []
        #expect(stored.count == 2 && stored.allSatisfy { !$0.contains("SECRET") && !$0.contains("streamid=S&") }, "\(stored)")
        #expect(stored[0].hasPrefix("rtmp://ingest.example/live/****") && stored[1].hasPrefix("srt://h:9000?streamid=****") && stored[1].hasSuffix("&latency=200"))
        // A stored request validates again, but its hidden destinations are never sent to.
        let again = try JSONDecoder().decode(RecordingRequest.self, from: JSONEncoder().encode(spec.request.withoutSecrets)).validated()
        #expect(again.streams.allSatisfy(StreamURL.isRedacted))
    }

    @Test(arguments: [
        ("rtmp://h/live/key1", "rtmp://h/live/****"),
        ("rtmps://h:443/app/sub/key?x=1", "rtmps://h:443/app/sub/****"),
        ("srt://h:9000", "srt://h:9000"),
        ("srt://h:9000?passphrase=p&mode=caller", "srt://h:9000?passphrase=****"),
    ] as [(String, String)])
    func aStreamURLIsShownWithoutItsKey(url: String, shownPrefix: String) {
        let shown = StreamURL.redacted(url)
        #expect(shown.hasPrefix(shownPrefix) && StreamURL.refusal(url) == nil, "\(url) → \(shown)")
        #expect(shown == url || StreamURL.isRedacted(shown))
        // Two keys on one server are shown apart.
        if shown != url { #expect(StreamURL.redacted(url + "2") != shown) }
    }

    @Test(arguments: [
        ("rtmp://Ingest.Example/live/k", "ingest.example"),
        ("rtmps://ingest.example:443/app/k", "ingest.example"),
        ("rtmp://[::1]:1935/live/k", "::1"),
        ("srt://10.0.0.2:9000?streamid=x", "10.0.0.2"),
    ] as [(String, String)])
    func aStreamURLNamesItsHost(url: String, host: String) {
        #expect(StreamURL.host(url) == host)
    }

    @Test(arguments: [
        (#"{}"#, "give layout"),
        (#"{"addStreams": []}"#, "give layout"),
        (#"{"addStreams": ["ftp://h/a/k"]}"#, "addStreams: a stream URL starts"),
        (#"{"removeStreams": [""]}"#, "1 to 2048"),
        (#"{"addStreams": ["rtmp://h/a//k"]}"#, "no empty segment"),
        (#"{"addStreams": ["RTMP://h/a/k"]}"#, "starts with rtmp://"),
        (#"{"addStreams": ["srt://h:1/path"]}"#, "optional ?query"),
        (#"{"layout": "../x"}"#, "layout"),
    ] as [(String, String)])
    func aChangeThatAsksForNothingOrABadDestinationIsRefused(json: String, says: String) throws {
        let change = try JSONDecoder().decode(RecordingChangeRequest.self, from: Data(json.utf8))
        do {
            try change.validate()
            Issue.record("\(json) was taken")
        } catch {
            #expect(error.status == 400 && error.message.contains(says), "\(json): \(error)")
        }
    }

    @Test func tracksNeedNoCompositeAndAreStored() throws {
        let spec = try Self.spec(#"{"room": "r", "liveComposite": false, "outputs": [{"kind": "tracks"}]}"#)
        #expect(spec.tracks && !spec.liveComposite && spec.request.outputs?.map(\.kind) == ["composite", "tracks"])
        let stored = try JSONDecoder().decode(RecordingRequest.self, from: JSONEncoder().encode(spec.request)).validated()
        #expect(stored == spec)
        let render = try JSONDecoder().decode(RenderRequest.self, from: Data(#"{"recordingId": "a", "outputs": [{"kind": "tracks"}]}"#.utf8)).validated()
        #expect(render.tracks && render.hls == nil)
        let cut = try JSONDecoder().decode(RenderRequest.self, from: Data(#"{"recordingId": "a", "from": 5, "outputs": [{"kind": "tracks"}]}"#.utf8))
        #expect(throws: ServiceError.self) { try cut.validated() }
    }

    @Test func rendersCannotStream() throws {
        let request = try JSONDecoder().decode(RenderRequest.self, from: Data(#"{"recordingId": "a", "outputs": [{"kind": "stream", "urls": ["rtmp://h/a/k"]}]}"#.utf8))
        #expect(throws: ServiceError.self) { try request.validated() }
    }

    @Test func rendersTakeOutputsToo() throws {
        let spec = try JSONDecoder().decode(RenderRequest.self, from: Data(#"{"recordingId": "a", "outputs": [{"kind": "hls", "segmentSeconds": 1}]}"#.utf8)).validated()
        #expect(spec.hls?.segmentSeconds == 1)
    }
}
