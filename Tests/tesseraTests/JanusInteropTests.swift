import Foundation
import Testing

/// tessera recording a room of a real Janus (Debian's janus, VideoRoom
/// plugin, started by scripts/peers/janus_server.sh on loopback) through
/// its HTTP API, with aiortc publishers (scripts/peers/janus_publish.py);
/// and Janus' own .mjr recordings of the same publishers, imported and
/// rendered by tessera, compared with tessera's recording.
@Suite(.serialized) struct JanusInteropTests {
    typealias Service = ServiceInteropTests

    /// A Janus of our own: free ports, its recordings in a temporary folder, stopped with SIGTERM.
    final class JanusServer {
        let process = Process()
        let httpPort: Int
        /// Janus' WebSocket transport listens here too.
        let webSocketPort: Int
        let recordings = Fixtures.temporaryPath("janus-rec-\(UUID().uuidString.prefix(8))")

        /// `tokenSecret`: every request needs a token signed with it (Janus' signed-token auth).
        init(tokenSecret: String? = nil) async throws {
            httpPort = ServerProcess.freeTCPPort()
            webSocketPort = ServerProcess.freeTCPPort()
            let rtp = ServerProcess.freeUDPPorts(40)
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [ServerProcess.projectRoot.appendingPathComponent("scripts/peers/janus_server.sh").path,
                                 String(httpPort), "\(rtp)-\(rtp + 39)", recordings, String(webSocketPort)] + (tokenSecret.map { [$0] } ?? [])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, process.isRunning {
                if let info = try? ServerProcess.http("GET", url + "/info"), info.status == 200, info.body.contains("server_info") { return }
                try await Task.sleep(nanoseconds: 200_000_000)
            }
            stop()
            Issue.record("Janus did not start (scripts/peers/janus_server.sh; scripts/install-deps.sh installs janus)")
            throw CancellationError()
        }

        var url: String { "http://127.0.0.1:\(httpPort)/janus" }
        var webSocketURL: String { "ws://127.0.0.1:\(webSocketPort)" }

        /// SIGTERM, and SIGKILL if Janus is still there 10 s later.
        func stop() {
            if process.isRunning { process.terminate() }
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    static func publisher(_ janus: JanusServer, room: Int = 1234, _ name: String, color: String, seconds: Double,
                          token: String? = nil) throws -> JSONLinesPeer {
        try JSONLinesPeer(python: "janus_publish.py", [janus.url, "--room", String(room), "--display", name,
                                                       "--media", try Fixtures.path("janus-\(color).mp4"), "--seconds", String(seconds)]
                                                       + (token.map { ["--token", $0] } ?? []))
    }

    static func request(room: String, janus: String, janusRoom: String, extra: String = "") -> String {
        #"{"room": "\#(room)", "source": {"type": "janus", "url": "\#(janus)", "room": \#(janusRoom)\#(extra)}, "output": {"width": 640, "height": 360}}"#
    }

    /// Polls the job without holding a thread (tests share the cooperative pool).
    static func wait(_ server: ServerProcess, _ id: String, for states: Set<String>, seconds: Double = 30) async throws -> Service.Document {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let document = try Service.get(server, "/v1/recordings/\(id)")
            if states.contains(document.state) || Date() > deadline { return document }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
    }

    @Test func recordsAJanusRoomWherePublishersComeAndGo() async throws {
        let janus = try await JanusServer()
        defer { janus.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let alice = try Self.publisher(janus, "alice", color: "red", seconds: 24)
        defer { alice.stop() }
        let bob = try Self.publisher(janus, "bob", color: "green", seconds: 24)
        defer { bob.stop() }
        for peer in [alice, bob] { _ = try #require(await peer.waitAsync(for: "published", seconds: 30), "a publisher did not get into Janus") }

        let created = try Service.post(server, "/v1/recordings", Self.request(room: "janus-a", janus: janus.url, janusRoom: "1234"))
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Service.Document.self, created.body).id
        let active = try await Self.wait(server, id, for: ["active", "failed"])
        #expect(active.state == "active", "\(String(describing: active.error))")
        try await Task.sleep(nanoseconds: 5_000_000_000)
        // carol publishes for 7 s in the middle of the recording.
        let carol = try Self.publisher(janus, "carol", color: "blue", seconds: 7)
        defer { carol.stop() }
        let carolLeft = try #require(await carol.waitAsync(for: "left", seconds: 40), "carol did not publish and leave")
        try await Task.sleep(nanoseconds: 5_000_000_000)
        let stopped = try Service.decode(Service.Document.self, try Service.post(server, "/v1/recordings/\(id)/stop", "").body)
        #expect(stopped.state == "completed", "\(String(describing: stopped.error))")
        #expect(stopped.participants.compactMap { $0["name"] }.sorted() == ["alice", "bob", "carol"], "names from Janus: \(stopped.participants)")
        #expect(stopped.tracks.count == 6 && stopped.tracks.allSatisfy { $0.packets > 50 }, "\(stopped.tracks)")

        // The composite: alice and bob, then carol too, then alice and bob again; everyone's tones while present.
        let output = Fixtures.temporaryPath("janus-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        let dump = server.dataDirectory + "/recordings/\(id)/session.rtpd"
        let checked = try CompositeTimeline.check(dump: dump, output: output, width: 640, height: 360,
                                                  colors: ["alice": "red", "bob": "green", "carol": "blue"],
                                                  tones: ["alice": 440, "bob": 660, "carol": 1000])
        #expect(checked == [["red", "green"], ["red", "green", "blue"], ["red", "green"]], "\(checked)")

        // carol's packets: what she sent, what Janus relayed to tessera.
        let ours = try CompositeTimeline.inspect(dump)
        let carolVideo = try #require(ours.tracks.first { $0.participantName == "carol" && $0.kind == "video" })
        let sent = try #require((carolLeft["sent"] as? [String: [String: Int]])?["video"]?["packets"])
        #expect(Double(carolVideo.distinctPackets) >= 0.9 * Double(sent) && carolVideo.distinctPackets <= sent,
                "carol sent \(sent), tessera has \(carolVideo.distinctPackets)")

        // Janus' own recordings of the same publishers (closed once they leave), rendered by tessera.
        for peer in [alice, bob] { _ = await peer.waitAsync(for: "left", seconds: 40) }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        try Self.expectJanusRecordingsAgree(janus.recordings, with: ours, feeds: [
            "alice": try #require(alice.event("published")?["feed"] as? Int), "bob": try #require(bob.event("published")?["feed"] as? Int),
            "carol": try #require(carol.event("published")?["feed"] as? Int),
        ])
    }

    /// `tessera import mjr` on the .mjr files Janus wrote: each publisher's
    /// stream is there, carol (who came and went inside the recording) has
    /// the same packets and duration in both within a few percent, alice and
    /// bob were in Janus' recording longer than in ours, and the render of
    /// Janus' files shows each publisher's color while they published.
    static func expectJanusRecordingsAgree(_ folder: String, with ours: CompositeTimeline.Report, feeds: [String: Int]) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mjr") }.sorted().map { folder + "/" + $0 }
        #expect(files.count == 6, "Janus wrote \(files)")
        let imported = Fixtures.temporaryPath("janus-own-\(UUID().uuidString.prefix(8)).rtpd")
        let result = try RenderCommandTests.run(["import", "mjr"] + files + ["-o", imported])
        #expect(result.status == 0, "\(result.err)")
        let theirs = try CompositeTimeline.inspect(imported)
        for (name, feed) in feeds {
            for kind in ["audio", "video"] {
                let janusTrack = try #require(theirs.tracks.first { $0.participantID.contains("-\(feed)") && $0.kind == kind }, "\(name)'s \(kind) in Janus' files")
                let ourTrack = try #require(ours.tracks.first { $0.participantName == name && $0.kind == kind })
                if name == "carol" {
                    #expect(abs(janusTrack.durationSeconds - ourTrack.durationSeconds) < 0.5,
                            "carol's \(kind): \(janusTrack.durationSeconds) s in Janus' file, \(ourTrack.durationSeconds) s in ours")
                    #expect(Double(ourTrack.distinctPackets) >= 0.95 * Double(janusTrack.distinctPackets)
                            && ourTrack.distinctPackets <= janusTrack.distinctPackets + 2,
                            "carol's \(kind): \(janusTrack.distinctPackets) packets in Janus' file, \(ourTrack.distinctPackets) in ours")
                } else {
                    #expect(janusTrack.durationSeconds > ourTrack.durationSeconds, "\(name)'s \(kind) published before and after tessera recorded")
                }
            }
        }
        let rendered = Fixtures.temporaryPath("janus-own-\(UUID().uuidString.prefix(8)).mp4")
        let render = try RenderCommandTests.run(["render", imported, "-o", rendered, "--size", "640x360"])
        #expect(render.status == 0, "\(render.err)")
        let colorOf = ["alice": "red", "bob": "green", "carol": "blue"]
        let origin = try #require(theirs.tracks.compactMap(\.firstArrivalSeconds).min())
        for (name, feed) in feeds {
            let video = try #require(theirs.tracks.first { $0.participantID.contains("-\(feed)") && $0.kind == "video" })
            let middle = ((video.firstArrivalSeconds ?? 0) + (video.lastArrivalSeconds ?? 0)) / 2 - origin
            let seen = CompositeTimeline.colors(in: try MediaProbe.picture(rendered, at: middle, width: 640, height: 360))
            #expect(seen.contains(colorOf[name]!), "\(name) at \(middle) s of Janus' recording: \(seen)")
        }
    }

    /// The same room through Janus' WebSocket transport (one socket for
    /// requests and pushed events), with a publisher leaving mid-way; and
    /// refusals said as clearly as over HTTP.
    @Test func recordsThroughJanusWebSocketAPI() async throws {
        let janus = try await JanusServer()
        defer { janus.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let alice = try Self.publisher(janus, "alice", color: "red", seconds: 16)
        defer { alice.stop() }
        let bob = try Self.publisher(janus, "bob", color: "green", seconds: 7)
        defer { bob.stop() }
        for peer in [alice, bob] { _ = try #require(await peer.waitAsync(for: "published", seconds: 30), "a publisher did not get into Janus") }
        let created = try Service.post(server, "/v1/recordings", Self.request(room: "janus-ws", janus: janus.webSocketURL, janusRoom: "1234"))
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Service.Document.self, created.body).id
        let active = try await Self.wait(server, id, for: ["active", "failed"])
        #expect(active.state == "active", "\(String(describing: active.error))")
        _ = try #require(await bob.waitAsync(for: "left", seconds: 30), "bob did not leave")
        try await Task.sleep(nanoseconds: 4_000_000_000)
        let stopped = try Service.decode(Service.Document.self, try Service.post(server, "/v1/recordings/\(id)/stop", "").body)
        #expect(stopped.state == "completed", "\(String(describing: stopped.error))")
        #expect(stopped.participants.compactMap { $0["name"] }.sorted() == ["alice", "bob"], "\(stopped.participants)")
        #expect(stopped.tracks.count == 4 && stopped.tracks.allSatisfy { $0.packets > 20 }, "\(stopped.tracks)")

        let output = Fixtures.temporaryPath("janus-ws-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        let dump = server.dataDirectory + "/recordings/\(id)/session.rtpd"
        let checked = try CompositeTimeline.check(dump: dump, output: output, width: 640, height: 360,
                                                  colors: ["alice": "red", "bob": "green"], tones: ["alice": 440, "bob": 660])
        #expect(checked.last == ["red"], "bob left, alice stayed: \(checked)")

        let missing = try Service.post(server, "/v1/recordings", Self.request(room: "janus-ws2", janus: janus.webSocketURL, janusRoom: "9999"))
        let failed = try await Self.wait(server, try Service.decode(Service.Document.self, missing.body).id, for: ["failed", "active"])
        #expect(failed.state == "failed" && failed.error?.message.contains("No such room") == true, "\(String(describing: failed.error))")
        let closed = try Service.post(server, "/v1/recordings", Self.request(room: "janus-ws3", janus: "ws://127.0.0.1:\(ServerProcess.freeTCPPort())", janusRoom: "1234"))
        let unreachable = try await Self.wait(server, try Service.decode(Service.Document.self, closed.body).id, for: ["failed", "active"])
        #expect(unreachable.state == "failed" && unreachable.error?.message.contains("cannot be reached") == true, "\(String(describing: unreachable.error))")
    }

    /// Janus killed in the middle of a recording (over each transport): the
    /// recording ends by itself as completed, with the file of what came.
    @Test(arguments: ["http", "ws"]) func aJanusThatGoesAwayEndsTheRecording(_ transport: String) async throws {
        let janus = try await JanusServer()
        defer { janus.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let alice = try Self.publisher(janus, "alice", color: "red", seconds: 30)
        defer { alice.stop() }
        _ = try #require(await alice.waitAsync(for: "published", seconds: 30), "alice did not get into Janus")
        let url = transport == "ws" ? janus.webSocketURL : janus.url
        let created = try Service.post(server, "/v1/recordings", Self.request(room: "janus-gone-\(transport)", janus: url, janusRoom: "1234"))
        let id = try Service.decode(Service.Document.self, created.body).id
        #expect(try await Self.wait(server, id, for: ["active", "failed"]).state == "active")
        try await Task.sleep(nanoseconds: 3_000_000_000)
        kill(janus.process.processIdentifier, SIGKILL)
        let ended = try await Self.wait(server, id, for: ["completed", "failed", "aborted"], seconds: 30)
        #expect(ended.state == "completed" && ended.files.contains { $0.name == "recording.mp4" }, "\(ended.state) \(String(describing: ended.error))")
        #expect(ended.tracks.count == 2 && ended.tracks.allSatisfy { $0.packets > 20 }, "\(ended.tracks)")
        let log = server.stop().log
        #expect(log.contains("the Janus source ended"), "\(log.suffix(1500))")
    }

    /// A Janus whose every request needs a signed token: without one the
    /// job fails with Janus' 403, with one (source.token) tessera gets in,
    /// over each transport (the HTTP long polls carry it too).
    @Test(arguments: ["http", "ws"]) func aJanusBehindSignedTokens(_ transport: String) async throws {
        let secret = "tessera-\(UUID().uuidString.prefix(8))"
        let janus = try await JanusServer(tokenSecret: secret)
        defer { janus.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        // EXPIRY,janus,PLUGIN signed with HMAC-SHA1 (Janus' auth.c), made by Python's standard library.
        let signed = try ServerProcess.run("/usr/bin/python3", ["-c", """
            import base64, hashlib, hmac, sys, time
            data = "%d,janus,janus.plugin.videoroom" % (time.time() + 600)
            print(data + ":" + base64.b64encode(hmac.new(sys.argv[1].encode(), data.encode(), hashlib.sha1).digest()).decode())
            """, secret]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let alice = try Self.publisher(janus, "alice", color: "red", seconds: 20, token: signed)
        defer { alice.stop() }
        _ = try #require(await alice.waitAsync(for: "published", seconds: 30), "alice did not get into Janus with the token")
        let url = transport == "ws" ? janus.webSocketURL : janus.url
        let refused = try Service.post(server, "/v1/recordings", Self.request(room: "janus-t1-\(transport)", janus: url, janusRoom: "1234"))
        let failed = try await Self.wait(server, try Service.decode(Service.Document.self, refused.body).id, for: ["failed", "active"])
        #expect(failed.state == "failed" && failed.error?.message.contains("error 403") == true, "\(String(describing: failed.error))")
        let allowed = try Service.post(server, "/v1/recordings", Self.request(room: "janus-t2-\(transport)", janus: url, janusRoom: "1234",
                                                                             extra: #", "token": "\#(signed)""#))
        let id = try Service.decode(Service.Document.self, allowed.body).id
        let active = try await Self.wait(server, id, for: ["failed", "active"])
        #expect(active.state == "active", "\(String(describing: active.error))")
        try await Task.sleep(nanoseconds: 3_000_000_000)
        let stopped = try Service.decode(Service.Document.self, try Service.post(server, "/v1/recordings/\(id)/stop", "").body)
        #expect(stopped.state == "completed", "\(String(describing: stopped.error))")
        #expect(stopped.participants.compactMap { $0["name"] } == ["alice"] && stopped.tracks.count == 2
                && stopped.tracks.allSatisfy { $0.packets > 20 }, "subscribed with the token: \(stopped.tracks)")
        #expect(!server.stop().log.contains("polling Janus failed"), "the long polls were refused")
    }

    /// A room Janus does not have, a wrong PIN, a Janus that is not there,
    /// a host the server may not call, and requests that cannot name a Janus room.
    @Test func refusalsSayWhy() async throws {
        let janus = try await JanusServer()
        defer { janus.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key, "--source-hosts", "127.0.0.1"], autoRecord: false)
        defer { server.stop() }
        let closed = "http://127.0.0.1:\(ServerProcess.freeTCPPort())/janus"
        for (url, room, extra, message) in [(janus.url, "9999", "", "No such room"), (janus.url, "4321", #", "pin": "wrong""#, "error 433"),
                                            (closed, "1234", "", "cannot be reached")] {
            let created = try Service.post(server, "/v1/recordings", Self.request(room: "janus-r", janus: url, janusRoom: room, extra: extra))
            #expect(created.status == 201, "\(created.body)")
            let id = try Service.decode(Service.Document.self, created.body).id
            let failed = try await Self.wait(server, id, for: ["failed", "active"])
            #expect(failed.state == "failed" && failed.error?.reason == "start_failed" && failed.error?.message.contains(message) == true,
                    "room \(room): \(failed.state) \(String(describing: failed.error))")
        }
        // The right PIN gets in.
        let created = try Service.post(server, "/v1/recordings", Self.request(room: "janus-p", janus: janus.url, janusRoom: "4321", extra: #", "pin": "sesame""#))
        let id = try Service.decode(Service.Document.self, created.body).id
        let active = try await Self.wait(server, id, for: ["failed", "active"])
        #expect(active.state == "active", "\(String(describing: active.error))")
        _ = try Service.post(server, "/v1/recordings/\(id)/stop", "")
        let elsewhere = try Service.post(server, "/v1/recordings", Self.request(room: "janus-x", janus: "http://janus.example:8088/janus", janusRoom: "1234"))
        #expect(elsewhere.status == 403 && elsewhere.body.contains("source_not_allowed"), "\(elsewhere.body)")
        for body in [#"{"room": "r", "source": {"type": "janus", "url": "\#(janus.url)"}}"#,
                     #"{"room": "r", "source": {"type": "janus", "room": 1234}}"#,
                     #"{"room": "r", "source": {"type": "janus", "url": "\#(janus.url)", "room": 1234, "name": "x"}}"#,
                     #"{"room": "r", "source": {"type": "whep", "url": "\#(janus.url)", "room": 1234}}"#,
                     #"{"room": "r", "source": {"type": "janus", "url": "\#(janus.url)", "room": true}}"#] {
            let refused = try Service.post(server, "/v1/recordings", body)
            #expect(refused.status == 400, "\(body): \(refused.body)")
        }
    }
}
