import Foundation
import Testing

/// Live streams from the composite's encode to a real RTMP server
/// (Debian's nginx with libnginx-mod-rtmp, which records what it receives):
/// two aiortc publishers are recorded to a file and streamed at once; a
/// destination added by PATCH mid-call starts receiving, one removed stops,
/// and one that refuses (a closed port) is retried and reported while the
/// file and the other streams are unharmed. ffprobe reads what nginx
/// recorded: the publishers' colours in their tiles and their tones. An
/// SRT destination is ffmpeg listening on loopback, writing MPEG-TS.
@Suite(.serialized) struct StreamOutputsInteropTests {
    typealias Service = ServiceInteropTests

    struct Recording: Decodable {
        struct Stream: Decodable { var url: String; var state: String; var since: String; var error: String?; var reconnects: Int }
        struct Output: Decodable { var kind: String; var urls: [String]? }
        struct Request: Decodable { var outputs: [Output]? }
        struct File: Decodable { var name: String }
        var id: String
        var state: String
        var streams: [Stream]?
        var recording: Request?
        var files: [File]
        var progressSeconds: Double?
    }

    static func read(_ server: ServerProcess, _ id: String) throws -> Recording {
        try Service.decode(Recording.self, ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).body)
    }

    /// Reads the recording until `done` holds (bounded); returns the last read.
    static func wait(_ server: ServerProcess, _ id: String, seconds: Double = 90, until done: (Recording) -> Bool) throws -> Recording {
        var recording = try read(server, id)
        let deadline = Date().addingTimeInterval(seconds)
        while !done(recording) && Date() < deadline {
            usleep(250_000)
            recording = try read(server, id)
        }
        return recording
    }

    /// The destinations in the order they were added (the request's, then each PATCH's).
    static func stream(_ recording: Recording, _ index: Int) -> Recording.Stream? {
        guard let streams = recording.streams, streams.indices.contains(index) else { return nil }
        return streams[index]
    }

    /// What nginx recorded of a stream: H.264 and AAC at the composite's size,
    /// both publishers' colours side by side and both tones.
    static func checkRecorded(_ path: String, atLeastSeconds: Double) throws {
        let probe = try MediaProbe.probe(path)
        #expect(probe.video?.codec_name == "h264" && probe.video?.width == 640 && probe.video?.height == 240 && probe.audio?.codec_name == "aac",
                "\(path): \(probe.streams)")
        #expect(probe.duration >= atLeastSeconds, "\(path) holds \(probe.duration) s")
        let picture = try MediaProbe.picture(path, at: probe.duration / 2, width: 640, height: 240)
        let tiles = [picture.color(x: 160, y: 120), picture.color(x: 480, y: 120)]
        let colours = Set(tiles.compactMap { tile in ["red", "blue"].first { FixtureColor.matches(tile, $0, tolerance: 60) } })
        #expect(colours == ["red", "blue"], "\(path): the publishers' tiles are \(tiles)")
        let samples = try MediaProbe.audio(path)
        let middle = samples[min(samples.count, samples.count / 2)..<min(samples.count, samples.count / 2 + 48_000)]
        for tone in [440.0, 1000.0] {
            let power = MediaProbe.tonePower(middle, frequency: tone), floor = MediaProbe.tonePower(middle, frequency: 3_100)
            #expect(power > floor * 100, "\(path): \(tone) Hz is in the mix (\(power) vs \(floor))")
        }
    }

    @Test func streamsGoToEveryDestinationAndChangeWhileTheCallRuns() throws {
        let rtmp = try RTMPTestServer()
        defer { rtmp.stop() }
        let hooks = try WebhookLog()
        let refused = "rtmp://127.0.0.1:\(ServerProcess.freeTCPPort())/live/refused"
        // SRT: ffmpeg listens and keeps what arrives (it ends when the caller closes).
        let srtPort = ServerProcess.freeUDPPorts(1), srtRecord = Fixtures.temporaryPath("srt-\(UUID().uuidString.prefix(8)).ts")
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        listener.arguments = ["-v", "error", "-y", "-i", "srt://127.0.0.1:\(srtPort)?mode=listener&listen_timeout=120000000", "-c", "copy", "-f", "mpegts", srtRecord]
        listener.standardInput = FileHandle.nullDevice
        listener.standardOutput = FileHandle.nullDevice
        listener.standardError = FileHandle.nullDevice
        try listener.run()
        defer { if listener.isRunning { kill(listener.processIdentifier, SIGKILL) } }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key, "--stream-hosts", "127.0.0.1"], autoRecord: false)
        defer { server.stop() }
        // Only the hosts --stream-hosts lists may be destinations.
        let elsewhere = try Service.post(server, "/v1/recordings", #"{"room": "x", "outputs": [{"kind": "stream", "urls": ["rtmp://ingest.example/live/k"]}]}"#)
        #expect(elsewhere.status == 403 && elsewhere.body.contains("stream_not_allowed") && !elsewhere.body.contains("live/k"), "\(elsewhere.body)")
        let created = try Service.post(server, "/v1/recordings", """
            {"room": "streams", "webhookUrl": "\(hooks.url)",
             "outputs": [{"kind": "composite", "width": 640, "height": 240}, {"kind": "stream", "urls": ["\(rtmp.url("first"))", "\(refused)", "srt://127.0.0.1:\(srtPort)"]}]}
            """)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Recording.self, created.body).id
        // The request is shown with the stream keys hidden.
        let shown = try Service.decode(Recording.self, created.body).recording?.outputs?.first { $0.kind == "stream" }?.urls ?? []
        let hidden = { (url: String) in url.replacingOccurrences(of: #"/[^/]+$"#, with: "/****", options: .regularExpression) }
        #expect(shown.count == 3 && shown[2] == "srt://127.0.0.1:\(srtPort)" && shown[0].hasPrefix(hidden(rtmp.url("first"))) && shown[1].hasPrefix(hidden(refused)) && shown[0] != shown[1], "\(shown)")
        #expect(!created.body.contains("live/first"), "the key is not shown")
        let (first, failingIndex, srtIndex, secondIndex) = (0, 1, 2, 3)
        let publishers = try [("janus-red.mp4"), ("janus-blue.mp4")].map {
            try Service.startPublisher(server.base + "/whip/streams", media: $0, codec: "vp8", seconds: 40)
        }
        defer { publishers.forEach { $0.terminate() } }

        // The reachable destination goes live; the refusing one is retried, with its error.
        let started = try Self.wait(server, id) { recording in
            Self.stream(recording, first)?.state == "live" && Self.stream(recording, srtIndex)?.state == "live"
                && (Self.stream(recording, failingIndex)?.reconnects ?? 0) >= 1
        }
        #expect(Self.stream(started, first)?.state == "live" && Self.stream(started, srtIndex)?.state == "live", "\(String(describing: started.streams))")
        let failing = Self.stream(started, failingIndex)
        #expect(failing.map { $0.reconnects >= 1 && $0.state != "live" && $0.error?.isEmpty == false } == true, "\(String(describing: failing))")
        #expect(hooks.waitFor(event: "output_failed", job: id, seconds: 30), "the failing destination is told to the webhook")

        // A destination added mid-call starts receiving.
        let added = try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"addStreams": ["\#(rtmp.url("second"))"]}"#,
                                           headers: [Service.auth, Service.json])
        #expect(added.status == 200, "\(added.body)")
        let second = try Self.wait(server, id) { Self.stream($0, secondIndex)?.state == "live" }
        #expect(Self.stream(second, secondIndex)?.state == "live", "\(String(describing: second.streams))")
        let addedAt = second.progressSeconds ?? 0
        _ = try Self.wait(server, id) { ($0.progressSeconds ?? 0) >= addedAt + 8 }

        // One removed (named as the job shows it) stops, and nginx closes its record.
        let removed = try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"removeStreams": ["\#(started.streams?.first?.url ?? "")"]}"#,
                                             headers: [Service.auth, Service.json])
        #expect(removed.status == 200, "\(removed.body)")
        let afterRemoval = try Self.wait(server, id) { Self.stream($0, first)?.state == "stopped" }
        #expect(Self.stream(afterRemoval, first)?.state == "stopped")
        let unknown = try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"removeStreams": ["rtmp://127.0.0.1:1/live/none"]}"#,
                                             headers: [Service.auth, Service.json])
        #expect(unknown.status == 409, "\(unknown.body)")
        let bad = try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"addStreams": ["http://127.0.0.1/x"]}"#,
                                         headers: [Service.auth, Service.json])
        #expect(bad.status == 400, "\(bad.body)")
        let notAllowed = try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"addStreams": ["rtmp://ingest.example/live/k"]}"#,
                                                headers: [Service.auth, Service.json])
        #expect(notAllowed.status == 403, "\(notAllowed.body)")
        let beforeStop = try Self.read(server, id)
        #expect(Self.stream(beforeStop, secondIndex)?.state == "live", "the other stream goes on: \(String(describing: beforeStop.streams))")

        let stop = try ServerProcess.http("POST", server.base + "/v1/recordings/\(id)/stop", body: "", headers: [Service.auth, Service.json], maxTime: 120)
        let stopped = try Service.decode(Recording.self, stop.body)
        #expect(stopped.state == "completed", "\(stop.body)")
        #expect(stopped.streams?.allSatisfy { $0.state == "stopped" } == true, "\(String(describing: stopped.streams))")
        #expect((Self.stream(stopped, failingIndex)?.reconnects ?? 0) >= 1)

        // The file is whole; each stream nginx recorded shows the call.
        let file = Fixtures.temporaryPath("streams-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: file) == 200)
        let fileSeconds = try MediaProbe.probe(file).duration
        #expect(fileSeconds >= 9, "the file holds \(fileSeconds) s")
        try Self.checkRecorded(rtmp.record("first"), atLeastSeconds: 6)
        try Self.checkRecorded(rtmp.record("second"), atLeastSeconds: 5)
        #expect(!FileManager.default.fileExists(atPath: rtmp.record("refused")))
        let listenerDeadline = Date().addingTimeInterval(30)
        while listener.isRunning && Date() < listenerDeadline { usleep(200_000) }
        try Self.checkRecorded(srtRecord, atLeastSeconds: 8)
    }
}
