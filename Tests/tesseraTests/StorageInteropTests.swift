import Foundation
import Testing

/// `tessera serve --storage` against a real S3 server (SeaweedFS,
/// signatures checked), with aiortc publishers and boto3 checking what was
/// stored: uploads, redirects to presigned URLs, deletion, storage that is
/// down when a job ends (and a restart in between), a wrong secret, a
/// missing bucket, and a recording killed mid-call rendered from its shipped parts.
@Suite(.serialized) struct StorageInteropTests {
    typealias Service = ServiceInteropTests

    struct Upload: Decodable { var name: String; var state: String; var bytes: Int64; var size: Int64; var attempts: Int; var error: String?; var location: String; var localRemoved: Bool }
    struct Shipping: Decodable { var parts: Int; var bytes: Int64; var location: String }
    struct Document: Decodable {
        struct File: Decodable { var name: String; var size: Int; var location: String? }
        var id: String
        var state: String
        var files: [File]
        var storage: String?
        var uploads: [Upload]?
        var dumpShipping: Shipping?
        var durationSeconds: Double?
    }

    static func document(_ server: ServerProcess, _ path: String) throws -> Document {
        try Service.decode(Document.self, ServerProcess.http("GET", server.base + path, headers: [Service.auth]).body)
    }

    /// Polls until `done` holds (bounded); returns the last document.
    static func wait(_ server: ServerProcess, _ path: String, seconds: Double = 90, until done: (Document) -> Bool) throws -> Document {
        let deadline = Date().addingTimeInterval(seconds)
        var document = try Self.document(server, path)
        while !done(document) && Date() < deadline {
            usleep(300_000)
            document = try Self.document(server, path)
        }
        return document
    }

    static func allUploaded(_ document: Document) -> Bool {
        !(document.uploads ?? []).isEmpty && (document.uploads ?? []).allSatisfy { $0.state == "uploaded" }
    }

    /// A dump of four participants (imported from the fixture capture), uploaded to the server: a render job's source.
    static func uploadDump(_ server: ServerProcess) throws -> String {
        let dump = Fixtures.temporaryPath("storage-\(UUID().uuidString).rtpd")
        let sdps = try ["alice", "bob", "carol", "dave"].flatMap { ["--sdp", try Fixtures.path("\($0).sdp")] }
        let imported = try RenderCommandTests.run(["import", "pcap", try Fixtures.path("four.pcap")] + sdps + ["-o", dump])
        #expect(imported.status == 0, "\(imported.err)")
        let upload = try ServerProcess.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", Service.auth, "--data-binary", "@" + dump, server.base + "/v1/uploads"])
        return try #require((try JSONSerialization.jsonObject(with: Data(upload.out.utf8)) as? [String: Any])?["id"] as? String, "\(upload.out)")
    }

    static func startRender(_ server: ServerProcess, upload: String, extra: String = "") throws -> String {
        let created = try Service.post(server, "/v1/renders", #"{"uploadId": "\#(upload)", "output": {"width": 320, "height": 180}\#(extra)}"#)
        #expect(created.status == 201, "\(created.body)")
        return try Service.decode(Document.self, created.body).id
    }

    static func redirect(_ url: String) throws -> (status: Int, location: String) {
        let result = try ServerProcess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-H", Service.auth, url])
        let parts = result.out.split(separator: " ", maxSplits: 1)
        return (Int(parts.first ?? "") ?? 0, parts.count > 1 ? String(parts[1]) : "")
    }

    /// Two aiortc publishers recorded with `--storage`: the dump ships in parts while the call runs; at the
    /// end every file is in the bucket (boto3 reads the same bytes), the local copies are gone, the API's
    /// download redirects to a presigned URL that plays (ffprobe) and takes a Range, and DELETE removes the objects.
    @Test func aRecordingLandsInTheBucket() throws {
        let storage = try S3TestServer()
        try storage.makeBucket("calls")
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key, "--dump-ship-interval", "1"] + storage.flags(bucket: "calls", prefix: "acme"),
                                       autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", #"{"room": "s3", "output": {"width": 640, "height": 240}}"#)
        let id = try Service.decode(Document.self, created.body).id
        let publishers = try [("publish-red.mp4", "vp8"), ("publish-green.mp4", "h264")].map {
            try Service.startPublisher(server.base + "/whip/s3", media: $0.0, codec: $0.1, seconds: 5)
        }
        let shipping = try Self.wait(server, "/v1/recordings/\(id)", seconds: 30) { ($0.dumpShipping?.parts ?? 0) >= 2 }
        #expect((shipping.dumpShipping?.parts ?? 0) >= 2, "parts shipped while the call ran: \(String(describing: shipping.dumpShipping))")
        #expect(shipping.dumpShipping?.location == "s3://calls/acme/dumps/\(id)/")
        for publisher in publishers { publisher.waitUntilExit() }
        let stopped = try Service.decode(Document.self, try Service.post(server, "/v1/recordings/\(id)/stop", "").body)
        #expect(stopped.state == "completed" && stopped.storage == "s3://calls/acme")

        let done = try Self.wait(server, "/v1/recordings/\(id)") { Self.allUploaded($0) && ($0.uploads ?? []).allSatisfy(\.localRemoved) }
        #expect(Set((done.uploads ?? []).map(\.name)) == ["recording.mp4", "poster.jpg", "session.rtpd"])
        #expect(Self.allUploaded(done), "\(String(describing: done.uploads))")
        #expect(done.files.allSatisfy { $0.location?.hasPrefix("s3://calls/acme/") == true }, "\(done.files)")
        let stored = try storage.objects("calls", prefix: "acme/")
        for upload in done.uploads ?? [] {
            let key = String(upload.location.dropFirst("s3://calls/".count))
            #expect(stored[key]?.size == Int(upload.size), "\(key) in \(stored.keys.sorted())")
        }
        #expect(stored.keys.contains("acme/dumps/\(id)/session.rtpd") && stored.keys.contains("acme/recordings/\(id)/recording.mp4"))
        #expect(!stored.keys.contains { $0.hasSuffix(".part") }, "the parts go once the whole dump is stored")
        #expect(!FileManager.default.fileExists(atPath: server.dataDirectory + "/recordings/\(id)/recording.mp4"))

        let download = try Self.redirect(server.base + "/v1/recordings/\(id)/files/recording.mp4")
        #expect(download.status == 307 && download.location.contains("X-Amz-Signature="), "\(download)")
        let probe = try MediaProbe.probe(download.location)
        #expect(probe.video?.width == 640 && probe.audio?.codec_name == "aac" && probe.duration > 3, "\(probe)")
        let ranged = try ServerProcess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", "-H", "Range: bytes=100-199", download.location])
        #expect(ranged.out == "206 100")

        // A render of it reads the dump back from the bucket (no local copy is left) and stores its own files there too.
        let render = try Service.post(server, "/v1/renders", #"{"recordingId": "\#(id)", "output": {"width": 320, "height": 180}}"#)
        #expect(render.status == 201, "\(render.body)")
        let renderID = try Service.decode(Document.self, render.body).id
        let rendered = try Self.wait(server, "/v1/renders/\(renderID)") { Self.allUploaded($0) }
        #expect(rendered.state == "completed" && Self.allUploaded(rendered), "\(rendered.state) \(String(describing: rendered.uploads))")
        let renderDownload = try Self.redirect(server.base + "/v1/renders/\(renderID)/files/render.mp4")
        #expect(renderDownload.status == 307)
        #expect(try MediaProbe.probe(renderDownload.location).video?.width == 320)
        #expect(try storage.objects("calls", prefix: "acme/renders/\(renderID)/").keys.contains("acme/renders/\(renderID)/render.mp4"))

        let deleted = try ServerProcess.http("DELETE", server.base + "/v1/recordings/\(id)", headers: [Service.auth])
        #expect(deleted.status == 204)
        #expect(try storage.objects("calls", prefix: "acme/recordings/").isEmpty && (try storage.objects("calls", prefix: "acme/dumps/")).isEmpty)
        #expect(try ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).status == 404)
        storage.stop()
    }

    /// The storage is down when a render completes: the files stay local and downloadable, `upload_failed` is
    /// told; tessera restarts (storage still down) and, once the storage is back, resumes: `upload_completed`.
    @Test func storageDownWhenTheJobEndsThenBackAfterARestart() throws {
        let storage = try S3TestServer()
        try storage.makeBucket("later")
        storage.stop()
        let hooks = try WebhookLog()
        let flags = ["--api-key", Service.key, "--webhook-url", hooks.url, "--upload-retry-max-delay", "1", "--storage-keep-local"]
            + storage.flags(bucket: "later")
        var server = try ServerProcess(extraArguments: flags, autoRecord: false)
        let upload = try Self.uploadDump(server)
        let id = try Self.startRender(server, upload: upload)
        let failed = try Self.wait(server, "/v1/renders/\(id)") { ($0.uploads ?? []).contains { $0.state == "failed" } }
        #expect(failed.state == "completed")
        #expect((failed.uploads ?? []).contains { $0.state == "failed" && ($0.error ?? "").contains("cannot be reached") }, "\(String(describing: failed.uploads))")
        #expect(try Service.download(server.base + "/v1/renders/\(id)/files/render.mp4", to: Fixtures.temporaryPath("later-\(id).mp4")) == 200)
        #expect(hooks.waitFor(event: "upload_failed", job: id, seconds: 30))

        let data = server.dataDirectory
        #expect(server.stop().status == 0)
        server = try ServerProcess(extraArguments: flags, autoRecord: false, dataDirectory: data)
        defer { server.stop() }
        try storage.start()
        let done = try Self.wait(server, "/v1/renders/\(id)") { Self.allUploaded($0) }
        #expect(Self.allUploaded(done), "\(String(describing: done.uploads))")
        #expect(hooks.waitFor(event: "upload_completed", job: id, seconds: 30))
        let stored = try storage.objects("later", prefix: "t/renders/\(id)/")
        #expect(stored["t/renders/\(id)/render.mp4"]?.md5 == (try ObjectStorageInteropTests.md5(data + "/renders/\(id)/render.mp4")))
        storage.stop()
    }

    /// A wrong secret: the job says SignatureDoesNotMatch plainly and keeps its file; a bucket that does not exist stops the server at start.
    @Test func aWrongSecretAndAMissingBucketAreSaidPlainly() throws {
        let storage = try S3TestServer()
        try storage.makeBucket("keys")
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key] + storage.flags(bucket: "keys", secret: "not-the-secret"), autoRecord: false)
        defer { server.stop() }
        let id = try Self.startRender(server, upload: try Self.uploadDump(server))
        let failed = try Self.wait(server, "/v1/renders/\(id)") { ($0.uploads ?? []).contains { $0.state == "failed" } }
        #expect((failed.uploads ?? []).contains { ($0.error ?? "").contains("SignatureDoesNotMatch") && ($0.error ?? "").contains("secret key") },
                "\(String(describing: failed.uploads))")
        #expect(try Service.download(server.base + "/v1/renders/\(id)/files/render.mp4", to: Fixtures.temporaryPath("keys-\(id).mp4")) == 200)

        let missing = try RenderCommandTests.run(["serve", "--http-port", "0", "--rtc-port", "0", "--data-dir", Fixtures.temporaryPath("nobucket-\(UUID().uuidString)")]
            + storage.flags(bucket: "no-such-bucket"))
        #expect(missing.status != 0)
        #expect((missing.out + missing.err).contains("the bucket no-such-bucket does not exist"), "\(missing.err)")
        storage.stop()
    }

    /// `kill -9` mid-recording: the parts shipped so far render (`tessera render s3://…/dumps/ID/`) to a file
    /// holding the media up to the last part, at most one interval short.
    @Test func aKilledRecordingRendersFromItsShippedParts() throws {
        let storage = try S3TestServer()
        try storage.makeBucket("crash")
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key, "--dump-ship-interval", "1"] + storage.flags(bucket: "crash"),
                                       autoRecord: false)
        let created = try Service.post(server, "/v1/recordings", #"{"room": "crash", "output": {"width": 320, "height": 240}}"#)
        let id = try Service.decode(Document.self, created.body).id
        let publisher = try Service.startPublisher(server.base + "/whip/crash", media: "publish-red.mp4", codec: "vp8", seconds: 5)
        defer { publisher.terminate() }
        let running = try Self.wait(server, "/v1/recordings/\(id)", seconds: 60) { ($0.durationSeconds ?? 0) >= 3.5 && ($0.dumpShipping?.parts ?? 0) >= 3 }
        let seconds = running.durationSeconds ?? 0
        server.kill9()
        #expect(seconds >= 3.5, "media recorded before the kill: \(seconds) s")
        let output = Fixtures.temporaryPath("crash-\(id).mp4")
        let rendered = try RenderCommandTests.run(["render", "s3://crash/t/dumps/\(id)/", "-o", output, "--size", "320x240", "--s3-endpoint", storage.endpoint,
                                                   "--s3-path-style", "--s3-access-key", S3TestServer.accessKey, "--s3-secret-key", storage.secretKey])
        #expect(rendered.status == 0, "\(rendered.err)")
        #expect(rendered.err.contains("fetched part"))
        let probe = try MediaProbe.probe(output)
        // The shipped parts hold what the dump had a second (one interval) before the document was read, give or take the flush.
        #expect(probe.duration >= seconds - 2.5, "rendered \(probe.duration) s of the \(seconds) s recorded")
        storage.stop()
    }
}

/// A webhook receiver (scripts/peers/webhook_receiver.py) whose log is read for events.
final class WebhookLog {
    let port = ServerProcess.freeTCPPort()
    let log = Fixtures.temporaryPath("hooks-\(UUID().uuidString).jsonl")
    private let receiver = Process()
    var url: String { "http://127.0.0.1:\(port)/hook" }

    init() throws {
        receiver.executableURL = URL(fileURLWithPath: ServerProcess.python)
        receiver.arguments = [ServerProcess.projectRoot.appendingPathComponent("scripts/peers/webhook_receiver.py").path,
                              "--port", String(port), "--out", log, "--seconds", "300"]
        let ready = Pipe()
        receiver.standardOutput = ready
        // Not the test's own output: a receiver left running would hold it open, and the test runner waits for its end.
        receiver.standardError = FileHandle.nullDevice
        try receiver.run()
        _ = ready.fileHandleForReading.availableData  // "listening"
    }

    /// SIGKILL: a child may inherit a signal mask that blocks SIGTERM.
    deinit { if receiver.isRunning { kill(receiver.processIdentifier, SIGKILL) } }

    /// Whether a webhook whose body has `event` for `job` arrived (waits, bounded).
    func waitFor(event: String, job: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let body = (entry["body"] as? String).flatMap({ Data(base64Encoded: $0) }),
                      let document = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { continue }
                if document["event"] as? String == event && document["id"] as? String == job { return true }
            }
            usleep(200_000)
        }
        return false
    }
}
