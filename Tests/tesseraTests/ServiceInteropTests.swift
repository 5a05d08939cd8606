import Dump
import Foundation
import Jobs
import Testing

/// The recording service over HTTP, against a real `tessera serve` with
/// aiortc publishers (independent WebRTC peers): record, stop, download,
/// re-render, crash and recover, refuse, and call webhooks.
@Suite(.serialized) struct ServiceInteropTests {
    static let key = "test-key-\(UUID().uuidString.prefix(8))"
    static var auth: String { "Authorization: Bearer \(key)" }
    static let json = "Content-Type: application/json"

    struct Document: Decodable {
        struct File: Decodable { var name: String; var size: Int; var contentType: String }
        struct Track: Decodable { var kind: String; var packets: Int }
        struct Failure: Decodable { var reason: String; var message: String }
        struct Attempt: Decodable { var state: String; var delivered: Bool; var status: Int? }
        var id: String
        var state: String
        var files: [File]
        var tracks: [Track]
        var participants: [[String: String]]
        var durationSeconds: Double?
        var error: Failure?
        var webhooks: [Attempt]
    }

    struct ErrorBody: Decodable { var error: String; var message: String }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    static func post(_ server: ServerProcess, _ path: String, _ body: String, headers: [String] = [auth, json]) throws -> (status: Int, headers: String, body: String) {
        try ServerProcess.http("POST", server.base + path, body: body, headers: headers)
    }

    static func get(_ server: ServerProcess, _ path: String) throws -> Document {
        try decode(Document.self, ServerProcess.http("GET", server.base + path, headers: [auth]).body)
    }

    /// Polls a job until it is in one of `states` (bounded).
    static func wait(_ server: ServerProcess, _ path: String, for states: Set<String>, seconds: Double = 60) throws -> Document {
        let deadline = Date().addingTimeInterval(seconds)
        var document = try get(server, path)
        while !states.contains(document.state) && Date() < deadline {
            usleep(200_000)
            document = try get(server, path)
        }
        return document
    }

    static func startPublisher(_ url: String, media: String, codec: String, seconds: Double, extra: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.python)
        process.arguments = [WHIPInteropTests.publisher, url, "--media", try Fixtures.path(media), "--video-codec", codec,
                             "--seconds", String(seconds), "--token", key] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func download(_ url: String, to path: String, headers: [String] = [auth]) throws -> Int {
        var arguments = ["-s", "--max-time", "30", "-o", path, "-w", "%{http_code}", url]
        for header in headers { arguments += ["-H", header] }
        return Int(try ServerProcess.run("/usr/bin/curl", arguments).out) ?? 0
    }

    /// The whole life of a recording: publishers in a room, a recording of
    /// it started and stopped over REST, the file ready within 2 s of the
    /// stop, downloaded whole and by range, re-rendered as WebM at another size.
    @Test func recordStopDownloadAndRerender() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Self.key], autoRecord: false)
        defer { server.stop() }
        let created = try Self.post(server, "/v1/recordings", #"{"room": "svc", "output": {"width": 640, "height": 240}, "metadata": {"case": "1"}}"#)
        #expect(created.status == 201, "\(created.body)")
        let id = try Self.decode(Document.self, created.body).id
        #expect(created.headers.contains("/v1/recordings/\(id)"))

        let url = server.base + "/whip/svc"
        let publishers = try [("publish-red.mp4", "vp8"), ("publish-green.mp4", "h264")].map {
            try Self.startPublisher(url, media: $0.0, codec: $0.1, seconds: 4)
        }
        for publisher in publishers { publisher.waitUntilExit() }
        let running = try Self.get(server, "/v1/recordings/\(id)")
        #expect(running.state == "active" && running.participants.count == 2 && running.tracks.count == 4)
        #expect(running.tracks.allSatisfy { $0.packets > 0 }, "\(running.tracks)")

        let stopRequested = Date()
        let stopped = try Self.post(server, "/v1/recordings/\(id)/stop", "")
        let stopSeconds = Date().timeIntervalSince(stopRequested)
        let document = try Self.decode(Document.self, stopped.body)
        #expect(document.state == "completed", "\(stopped.body)")
        #expect(stopSeconds < 2, "the file is ready \(stopSeconds) s after the stop")
        #expect(Set(document.files.map(\.name)) == ["recording.mp4", "poster.jpg", "session.rtpd"])

        let output = Fixtures.temporaryPath("svc-\(id).mp4")
        #expect(try Self.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        let probe = try MediaProbe.probe(output)
        #expect(probe.video?.codec_name == "h264" && probe.video?.width == 640 && probe.video?.height == 240)
        #expect(probe.audio?.codec_name == "aac")
        #expect(probe.duration > 3 && probe.duration < 6, "duration \(probe.duration)")
        let picture = try MediaProbe.picture(output, at: 2.5, width: 640, height: 240)
        let tiles = [picture.color(x: 160, y: 120), picture.color(x: 480, y: 120)]
        #expect(tiles.contains { FixtureColor.matches($0, "red", tolerance: 60) } && tiles.contains { FixtureColor.matches($0, "green", tolerance: 60) }, "\(tiles)")

        // A range from the middle is the same bytes as the file's.
        let whole = try Data(contentsOf: URL(fileURLWithPath: output))
        let slice = Fixtures.temporaryPath("svc-slice-\(id)")
        let first = whole.count / 3, last = whole.count / 3 + 9_999
        let ranged = try ServerProcess.run("/usr/bin/curl", ["-s", "-o", slice, "-w", "%{http_code}", "-H", Self.auth,
                                                             "-H", "Range: bytes=\(first)-\(last)", server.base + "/v1/recordings/\(id)/files/recording.mp4"])
        #expect(ranged.out == "206")
        #expect(try Data(contentsOf: URL(fileURLWithPath: slice)) == whole[first...last])

        // ETag: an unchanged file is not sent again.
        let head = try ServerProcess.http("GET", server.base + "/v1/recordings/\(id)/files/poster.jpg", headers: [Self.auth])
        #expect(head.status == 200 && head.headers.lowercased().contains("content-type: image/jpeg"))
        let etag = head.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("etag:") }.map { String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces) } ?? ""
        let again = try ServerProcess.http("GET", server.base + "/v1/recordings/\(id)/files/poster.jpg", headers: [Self.auth, "If-None-Match: \(etag)"])
        #expect(!etag.isEmpty && again.status == 304)

        // Re-render as WebM at another size.
        let render = try Self.post(server, "/v1/renders", #"{"recordingId": "\#(id)", "output": {"format": "webm", "width": 320, "height": 180}}"#)
        #expect(render.status == 201, "\(render.body)")
        let renderID = try Self.decode(Document.self, render.body).id
        let rendered = try Self.wait(server, "/v1/renders/\(renderID)", for: ["completed", "failed"])
        #expect(rendered.state == "completed", "\(String(describing: rendered.error))")
        let webm = Fixtures.temporaryPath("svc-\(renderID).webm")
        #expect(try Self.download(server.base + "/v1/renders/\(renderID)/files/render.webm", to: webm) == 200)
        let webmProbe = try MediaProbe.probe(webm)
        #expect(webmProbe.video?.codec_name == "vp8" && webmProbe.video?.width == 320 && webmProbe.video?.height == 180)
        #expect(webmProbe.audio?.codec_name == "opus")
    }

    /// A size limit ends a recording with media as limit_reached, its file kept up to there.
    @Test func aSizeLimitEndsTheRecordingWithItsFile() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Self.key], autoRecord: false)
        defer { server.stop() }
        let created = try Self.post(server, "/v1/recordings", #"{"room": "small", "output": {"width": 320, "height": 240}, "limits": {"maxBytes": 40000}}"#)
        let id = try Self.decode(Document.self, created.body).id
        let publisher = try Self.startPublisher(server.base + "/whip/small", media: "publish-red.mp4", codec: "vp8", seconds: 6)
        defer { publisher.terminate() }
        let ended = try Self.wait(server, "/v1/recordings/\(id)", for: ["limit_reached", "failed", "completed"], seconds: 30)
        #expect(ended.state == "limit_reached", "\(ended.state) \(String(describing: ended.error))")
        #expect(ended.files.contains { $0.name == "recording.mp4" && $0.size > 0 } && ended.files.contains { $0.name == "session.rtpd" })
        let output = Fixtures.temporaryPath("small-\(id).mp4")
        #expect(try Self.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        let duration = try MediaProbe.probe(output).duration
        #expect(duration > 0.3 && duration < 5, "stopped early: \(duration) s")
    }

    /// Keys, links and names: who may download what.
    @Test func authenticationLinksAndPaths() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Self.key], autoRecord: false)
        defer { server.stop() }
        #expect(try Self.post(server, "/v1/recordings", #"{"room": "a"}"#, headers: [Self.json]).status == 401)
        #expect(try Self.post(server, "/v1/recordings", #"{"room": "a"}"#, headers: ["Authorization: Bearer wrong", Self.json]).status == 401)
        #expect(try ServerProcess.http("GET", server.base + "/v1/recordings").status == 401)

        // A dump-only recording that ends with no media is aborted and keeps no file;
        // one with media is needed for links: record a short publisher.
        let created = try Self.post(server, "/v1/recordings", #"{"room": "links", "liveComposite": false}"#)
        let id = try Self.decode(Document.self, created.body).id
        let publisher = try Self.startPublisher(server.base + "/whip/links", media: "publish-red.mp4", codec: "vp8", seconds: 1.5)
        publisher.waitUntilExit()
        let stopped = try Self.decode(Document.self, try Self.post(server, "/v1/recordings/\(id)/stop", "").body)
        #expect(stopped.state == "completed" && stopped.files.map(\.name) == ["session.rtpd"], "dump only: \(stopped.files)")

        let link = try Self.post(server, "/v1/recordings/\(id)/files/session.rtpd/link", "")
        #expect(link.status == 201)
        struct Link: Decodable { var url: String }
        let url = try Self.decode(Link.self, link.body).url
        #expect(url.hasPrefix(server.base + "/v1/recordings/\(id)/files/session.rtpd?expires="), "an absolute URL from the request's Host: \(url)")
        let path = String(url.dropFirst(server.base.count))
        let dump = Fixtures.temporaryPath("links-\(id).rtpd")
        #expect(try Self.download(url, to: dump, headers: []) == 200, "a signed link needs no key")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dump)).count == stopped.files[0].size)
        #expect(try ServerProcess.http("GET", server.base + path.replacingOccurrences(of: "signature=", with: "signature=0")).status == 403)
        // An expired link, signed with the server's own secret, is refused.
        let secret = try Data(contentsOf: URL(fileURLWithPath: server.dataDirectory + "/link-secret"))
        let expires = Int64(Date().timeIntervalSince1970) - 5
        let signature = DownloadLinkSigner(secret: Array(secret)).signature(job: id, file: "session.rtpd", expires: expires)
        let expired = try ServerProcess.http("GET", server.base + "/v1/recordings/\(id)/files/session.rtpd?expires=\(expires)&signature=\(signature)")
        #expect(expired.status == 403, "\(expired.body)")

        // The dump goes back in as an upload and renders.
        let upload = try ServerProcess.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", Self.auth, "-H", "Content-Type: application/octet-stream",
                                                             "--data-binary", "@\(dump)", server.base + "/v1/uploads"])
        struct Uploaded: Decodable { var id: String; var size: Int }
        let uploaded = try Self.decode(Uploaded.self, upload.out)
        #expect(uploaded.size == stopped.files[0].size)
        let render = try Self.post(server, "/v1/renders", #"{"uploadId": "\#(uploaded.id)", "output": {"width": 160, "height": 120}}"#)
        let rendered = try Self.wait(server, "/v1/renders/\(try Self.decode(Document.self, render.body).id)", for: ["completed", "failed"])
        #expect(rendered.state == "completed" && rendered.files.contains { $0.name == "render.mp4" }, "\(String(describing: rendered.error))")
        let garbage = try ServerProcess.http("POST", server.base + "/v1/uploads", body: "not a dump", headers: [Self.auth])
        #expect(garbage.status == 415 && garbage.body.contains("not an RTP dump"))

        // A capture with its participants' SDPs is imported into a dump, which renders: four tiles.
        var named: [String] = []
        for name in ["alice", "bob", "carol", "dave"] {
            let sdp = try ServerProcess.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", Self.auth, "-H", "Content-Type: application/sdp",
                                                              "--data-binary", "@\(try Fixtures.path("\(name).sdp"))", server.base + "/v1/uploads"])
            named.append("sdp=\(name):\(try Self.decode(Uploaded.self, sdp.out).id)")
        }
        let capture = try ServerProcess.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", Self.auth, "-H", "Content-Type: application/vnd.tcpdump.pcap",
                                                              "--data-binary", "@\(try Fixtures.path("four.pcap"))",
                                                              server.base + "/v1/uploads?" + named.joined(separator: "&")])
        let imported = try Self.decode(Uploaded.self, capture.out)
        let fourRender = try Self.post(server, "/v1/renders", #"{"uploadId": "\#(imported.id)", "output": {"width": 320, "height": 180}}"#)
        let four = try Self.wait(server, "/v1/renders/\(try Self.decode(Document.self, fourRender.body).id)", for: ["completed", "failed"])
        #expect(four.state == "completed", "\(String(describing: four.error))")
        let withoutSDP = try ServerProcess.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", Self.auth, "--data-binary", "@\(try Fixtures.path("four.pcap"))",
                                                                 "-w", "\n%{http_code}", server.base + "/v1/uploads"])
        #expect(withoutSDP.out.hasSuffix("400") && withoutSDP.out.contains("SDP"), "\(withoutSDP.out)")

        for name in ["..%2F..%2Ftessera.sqlite", "%2e%2e%2flink-secret", "nothing.mp4", "../../../tessera.sqlite", "session.rtpd%00"] {
            let response = try ServerProcess.http("GET", server.base + "/v1/recordings/\(id)/files/\(name)", headers: [Self.auth])
            #expect(response.status == 404, "\(name): \(response.status)")
        }
        #expect(try ServerProcess.http("GET", server.base + "/v1/recordings/nope", headers: [Self.auth]).status == 404)
    }

    /// More jobs than capacity: 503 with Retry-After, and the running one goes on.
    @Test func admissionRefusesWhatDoesNotFit() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Self.key, "--capacity", "5"], autoRecord: false)
        defer { server.stop() }
        let first = try Self.post(server, "/v1/recordings", #"{"room": "cap1"}"#)
        #expect(first.status == 201)
        let refused = try Self.post(server, "/v1/recordings", #"{"room": "cap2"}"#)
        #expect(refused.status == 503 && refused.headers.lowercased().contains("retry-after: 30"), "\(refused.status) \(refused.headers)")
        #expect(try Self.decode(ErrorBody.self, refused.body).error == "at_capacity")
        let cheap = try Self.post(server, "/v1/recordings", #"{"room": "cap3", "liveComposite": false}"#)
        #expect(cheap.status == 201, "a dump-only recording (cost 1) still fits")
        // Imports share the capacity: with all 5 units taken, a capture is refused, not parsed.
        let capture = try ServerProcess.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", Self.auth, "--data-binary", "@\(try Fixtures.path("four.pcap"))",
                                                              "-w", "\n%{http_code}", server.base + "/v1/uploads"])
        #expect(capture.out.hasSuffix("503") && capture.out.contains("at_capacity"), "\(capture.out)")
        #expect(HardeningInteropTests.limitRefusals(server, "admission") == 2)
        let id = try Self.decode(Document.self, first.body).id
        #expect(try Self.get(server, "/v1/recordings/\(id)").state == "active")
        // The running recording's layout can change; a layout that does not exist cannot.
        let patched = try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"layout": "presenter"}"#, headers: [Self.auth, Self.json])
        #expect(patched.status == 200 && patched.body.contains(#""layoutChanges":[{"at":"#) && patched.body.contains(#""layout":"presenter"}"#), "\(patched.body)")
        let unknown = try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"layout": "nosuch"}"#, headers: [Self.auth, Self.json])
        #expect(unknown.status == 400)
        // Pages: newest first, `next` leads on.
        let page = try ServerProcess.http("GET", server.base + "/v1/recordings?limit=1", headers: [Self.auth]).body
        struct Page: Decodable { var jobs: [Document]; var next: String? }
        let first1 = try Self.decode(Page.self, page)
        let second = try Self.decode(Page.self, try ServerProcess.http("GET", server.base + "/v1/recordings?limit=5&after=\(first1.next ?? "")", headers: [Self.auth]).body)
        #expect(first1.jobs.map(\.id) == [try Self.decode(Document.self, cheap.body).id] && second.jobs.map(\.id) == [id], "\(page)")
        // Stopped without media: aborted, and its capacity is free again; a finished recording's layout is fixed.
        #expect(try Self.decode(Document.self, try Self.post(server, "/v1/recordings/\(id)/stop", "").body).state == "aborted")
        #expect(try ServerProcess.http("PATCH", server.base + "/v1/recordings/\(id)", body: #"{"layout": "grid"}"#, headers: [Self.auth, Self.json]).status == 409)
        #expect(try Self.post(server, "/v1/recordings", #"{"room": "cap2"}"#).status == 201)
    }

    /// kill -9 during a recording: the next start finds the job, renders
    /// its dump and completes it with what arrived up to the last flush.
    @Test func aCrashedRecordingCompletesFromItsDump() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Self.key], autoRecord: false)
        let created = try Self.post(server, "/v1/recordings", #"{"room": "crash", "output": {"width": 320, "height": 240}}"#)
        let id = try Self.decode(Document.self, created.body).id
        let publisher = try Self.startPublisher(server.base + "/whip/crash", media: "publish-red.mp4", codec: "vp8", seconds: 8, extra: ["--loop"])
        defer { publisher.terminate() }
        // Wait for the first media, then let 3 s of it be recorded.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try Self.get(server, "/v1/recordings/\(id)").tracks.first?.packets ?? 0) == 0 { usleep(100_000) }
        sleep(3)
        server.kill9()
        publisher.terminate()

        let restarted = try ServerProcess(extraArguments: ["--api-key", Self.key], autoRecord: false, dataDirectory: server.dataDirectory)
        defer { restarted.stop() }
        let document = try Self.wait(restarted, "/v1/recordings/\(id)", for: ["completed", "failed"])
        #expect(document.state == "completed", "\(String(describing: document.error))")
        let history = try ServerProcess.http("GET", restarted.base + "/v1/recordings/\(id)", headers: [Self.auth]).body
        #expect(history.contains(#""to":"interrupted""#))
        let output = Fixtures.temporaryPath("crash-\(id).mp4")
        #expect(try Self.download(restarted.base + "/v1/recordings/\(id)/files/recording.mp4", to: output, headers: [Self.auth]) == 200)
        // 3 s were received; the dump is flushed every second.
        let duration = try MediaProbe.probe(output).duration
        #expect(duration >= 3 - 1 - 0.3, "recovered \(duration) s of about 3 s")
        #expect(FixtureColor.matches(try MediaProbe.picture(output, at: 1, width: 320, height: 240).color(x: 160, y: 120), "red", tolerance: 60))
    }

    /// Every state change reaches the webhook at least once, signed; a
    /// receiver that fails twice still gets them through retries.
    @Test func webhooksArriveSignedAndAreRetried() throws {
        let port = ServerProcess.freeUDPPorts(1)  // free for TCP too, in practice, below the ephemeral range
        let log = Fixtures.temporaryPath("webhooks-\(UUID().uuidString).jsonl")
        let receiver = Process()
        receiver.executableURL = URL(fileURLWithPath: ServerProcess.python)
        receiver.arguments = [ServerProcess.projectRoot.appendingPathComponent("scripts/peers/webhook_receiver.py").path,
                              "--port", String(port), "--out", log, "--fail", "2", "--seconds", "40"]
        let ready = Pipe()
        receiver.standardOutput = ready
        receiver.standardError = FileHandle.nullDevice
        try receiver.run()
        // SIGKILL: a child may inherit a mask that blocks SIGTERM.
        defer { kill(receiver.processIdentifier, SIGKILL) }
        _ = ready.fileHandleForReading.availableData  // "listening"

        let secret = "whsec-test"
        let server = try ServerProcess(extraArguments: ["--api-key", Self.key, "--webhook-secret", secret], autoRecord: false)
        defer { server.stop() }
        let created = try Self.post(server, "/v1/recordings", #"{"room": "hooks", "liveComposite": false, "webhookUrl": "http://127.0.0.1:\#(port)/hook"}"#)
        let id = try Self.decode(Document.self, created.body).id
        #expect(try Self.decode(Document.self, try Self.post(server, "/v1/recordings/\(id)/stop", "").body).state == "aborted")

        let expected: Set<String> = ["queued", "starting", "active", "stopping", "aborted"]
        var delivered: Set<String> = []
        let deadline = Date().addingTimeInterval(20)
        struct Line: Decodable { var headers: [String: String]; var body: String; var answered: Int }
        var lines: [Line] = []
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            lines = try text.split(separator: "\n").map { try Self.decode(Line.self, String($0)) }
            delivered = Set(lines.filter { $0.answered == 204 }.compactMap { line -> String? in
                guard let body = Data(base64Encoded: line.body) else { return nil }
                return (try? JSONDecoder().decode(Document.self, from: body))?.state
            })
            if delivered == expected { break }
            usleep(200_000)
        }
        #expect(delivered == expected)
        #expect(lines.filter { $0.answered == 500 }.count == 2)
        let now = Int64(Date().timeIntervalSince1970)
        for line in lines {
            let body = Array(Data(base64Encoded: line.body) ?? Data())
            #expect(WebhookSignature.verify(body: body, secret: secret, timestamp: line.headers["tessera-timestamp"] ?? "",
                                            signature: line.headers["tessera-signature"] ?? "", now: now))
        }
        // The job shows its deliveries, failed ones included.
        let attempts = try Self.get(server, "/v1/recordings/\(id)").webhooks
        #expect(attempts.filter { !$0.delivered }.count == 2 && Set(attempts.filter(\.delivered).map(\.state)) == expected)
    }
}

/// The jobs page at `/` in headless Chromium: it lists the jobs with their
/// state, and a finished recording's poster loads (red, as published).
@Suite struct JobsPageInteropTests {
    @Test func theJobsPageListsJobsWithPosters() throws {
        let server = try ServerProcess(autoRecord: false)  // no API key: loopback only, and the page needs none
        defer { server.stop() }
        let created = try ServiceInteropTests.post(server, "/v1/recordings", #"{"room": "page", "output": {"width": 320, "height": 180}}"#, headers: [ServiceInteropTests.json])
        let id = try ServiceInteropTests.decode(ServiceInteropTests.Document.self, created.body).id
        let publisher = try ServiceInteropTests.startPublisher(server.base + "/whip/page", media: "publish-red.mp4", codec: "vp8", seconds: 2.5)
        publisher.waitUntilExit()
        let stopped = try ServiceInteropTests.post(server, "/v1/recordings/\(id)/stop", "", headers: [])
        #expect(stopped.body.contains(#""state":"completed""#))
        _ = try ServiceInteropTests.post(server, "/v1/recordings", #"{"room": "running", "liveComposite": false}"#, headers: [ServiceInteropTests.json])

        let work = Fixtures.temporaryPath("page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        func chromium(_ arguments: [String]) throws -> String {
            try ServerProcess.run("/usr/bin/chromium", ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                                        "--user-data-dir=\(work)/profile-\(UUID().uuidString)", "--virtual-time-budget=5000"]
                                  + arguments + [server.base + "/"], timeout: 60).out
        }
        let dom = try chromium(["--dump-dom"])
        #expect(dom.contains(#"data-id="\#(id)""#) && dom.contains(#"class="state completed""#) && dom.contains(#"class="state active""#), "\(dom.suffix(2000))")
        #expect(dom.contains(#"data-loaded="true""#), "the poster image loaded")
        #expect(dom.contains("recording.mp4 ("), "the download link is listed")

        let shot = work + "/page.png"
        _ = try chromium(["--window-size=1100,900", "--screenshot=\(shot)"])
        let picture = try MediaProbe.picture(shot, at: 0, width: 1100, height: 900)
        // Rows: the running job first, then the finished one with its red poster in the first column.
        let posterColumn = stride(from: 150, to: 880, by: 8).map { picture.color(x: 96, y: $0, size: 8) }
        #expect(posterColumn.contains { FixtureColor.matches($0, "red", tolerance: 70) }, "a red poster in the table: \(posterColumn)")
    }
}
