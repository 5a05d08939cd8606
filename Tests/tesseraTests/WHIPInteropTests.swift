import Dump
import Foundation
import Testing

/// WHIP publishers nobody here wrote (aiortc, from PyPI in the project's
/// venv) publish to a real `tessera serve` on loopback. The dump must hold
/// every track without loss, and its render must show what was sent.
@Suite(.serialized) struct WHIPInteropTests {
    static let publisher = ServerProcess.projectRoot.appendingPathComponent("scripts/peers/whip_publish.py").path

    struct Published: Decodable {
        struct Sent: Decodable { var packets: Int; var bytes: Int }
        var status: Int
        var connected: Bool?
        var sent: [String: Sent]?
        var delete: Int?
        var error: String?
        struct Relay: Decodable { var dropped: [String: [Int]]; var forwarded: Int }
        var relay: Relay?
        var answerPorts: [Int]?
        var location: String?
    }

    static func publish(_ url: String, media: String, codec: String = "vp8", seconds: Double = 3, extra: [String] = []) throws -> Published {
        let result = try ServerProcess.run(ServerProcess.python, [publisher, url, "--media", try Fixtures.path(media),
                                                                  "--video-codec", codec, "--seconds", String(seconds)] + extra)
        #expect(result.status == 0, "publisher failed: \(result.err)")
        return try JSONDecoder().decode(Published.self, from: Data(result.out.utf8))
    }

    /// Headless Chromium (Debian's package) with its fake camera and
    /// microphone playing the fixtures: a blue picture and a 660 Hz tone.
    static func publishFromChromium(_ url: String, codec: String) throws -> Published {
        let script = ServerProcess.projectRoot.appendingPathComponent("scripts/peers/chromium_publish.py").path
        let result = try ServerProcess.run(ServerProcess.python, [
            script, url, "--video", try Fixtures.path("publish-blue.y4m"), "--audio", try Fixtures.path("publish-660.wav"),
            "--seconds", "3", "--codec", codec.uppercased(),
        ])
        #expect(result.status == 0, "chromium driver failed: \(result.err)")
        return try JSONDecoder().decode(Published.self, from: Data(result.out.utf8))
    }

    static func inspect(_ dump: String) throws -> InspectReport {
        let result = try ServerProcess.run(RenderCommandTests.executable.path, ["inspect", dump, "--json"])
        #expect(result.status == 0, "\(result.err)")
        return try JSONDecoder().decode(InspectReport.self, from: Data(result.out.utf8))
    }

    /// Sends, checks the dump against what the sender counted, renders it and
    /// checks the picture and the tone.
    func publishesAndRecords(codec: String, media: String, color: String, tone: Double, browser: Bool = false) throws {
        let server = try ServerProcess()
        let sent = browser ? try Self.publishFromChromium(server.base + "/whip/interop", codec: codec)
            : try Self.publish(server.base + "/whip/interop", media: media, codec: codec)
        let (status, log) = server.stop()
        #expect(status == 0, "tessera serve exits cleanly on SIGTERM")
        #expect(sent.status == 201 && sent.connected == true && sent.delete == 200, "\(sent) \(log)")
        let dumps = server.dumps(room: "interop")
        #expect(dumps.count == 1, "one dump for the room: \(dumps)")
        guard let dump = dumps.first else { return }

        let report = try Self.inspect(dump)
        #expect(report.room == "interop" && report.source == "live")
        let video = report.tracks.first { $0.kind == "video" }, audio = report.tracks.first { $0.kind == "audio" }
        #expect(video?.codec.uppercased() == codec.uppercased() && audio?.codec == "opus")
        for (track, kind) in [(video, "video"), (audio, "audio")] {
            // Everything the sender counted before hanging up is in the dump, nothing is missing.
            #expect((track?.packets ?? 0) >= sent.sent?[kind]?.packets ?? .max, "\(kind): dump \(track?.packets ?? 0), sent \(sent.sent?[kind]?.packets ?? 0)")
            #expect(track?.lostPackets == 0 && track?.malformedPackets == 0, "\(kind)")
        }
        #expect((video?.keyframes ?? 0) >= 1 && (video?.frames ?? 0) >= 60)
        #expect(report.participants.count == 1)

        let output = Fixtures.temporaryPath("whip-\(codec)-\(UUID().uuidString).mp4")
        let render = try ServerProcess.run(RenderCommandTests.executable.path, ["render", dump, "-o", output, "--size", "320x240"])
        #expect(render.status == 0, "\(render.err)")
        let probe = try MediaProbe.probe(output)
        #expect(probe.video?.width == 320 && probe.audio != nil)
        let picture = try MediaProbe.picture(output, at: 2, width: 320, height: 240)
        let centre = picture.color(x: 160, y: 120)
        #expect(FixtureColor.matches(centre, color, tolerance: 60), "centre is \(centre), expected \(color)")
        let samples = try MediaProbe.audio(output)
        let middle = samples[Swift.min(samples.count, 48_000)..<Swift.min(samples.count, 96_000)]
        let power = MediaProbe.tonePower(middle, frequency: tone)
        let floor = [tone * 1.37, tone * 2.71, 3_100].map { MediaProbe.tonePower(middle, frequency: $0) }.max()!
        #expect(power > floor * 1_000, "\(tone) Hz stands out: \(power) vs \(floor)")
    }

    @Test func aiortcPublishesVP8AndOpus() throws {
        try publishesAndRecords(codec: "vp8", media: "publish-red.mp4", color: "red", tone: 440)
    }

    @Test func aiortcPublishesH264AndOpus() throws {
        try publishesAndRecords(codec: "h264", media: "publish-green.mp4", color: "green", tone: 880)
    }

    @Test func chromiumPublishesCameraAndMicrophoneInVP8() throws {
        try publishesAndRecords(codec: "vp8", media: "", color: "blue", tone: 660, browser: true)
    }

    @Test func chromiumPublishesCameraAndMicrophoneInH264() throws {
        try publishesAndRecords(codec: "h264", media: "", color: "blue", tone: 660, browser: true)
    }

    /// Two publishers in one room at once, on a server with a port range
    /// (each session gets the next port): one dump, two participants, two tiles.
    @Test func twoPublishersShareTheRoomsDump() throws {
        let first = ServerProcess.freeUDPPorts(4)
        let server = try ServerProcess(extraArguments: ["--rtc-port", "\(first)-\(first + 3)"])
        let url = server.base + "/whip/pair"
        let results = try [("publish-red.mp4", "vp8"), ("publish-green.mp4", "h264")].map { media, codec in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ServerProcess.python)
            process.arguments = [Self.publisher, url, "--media", try Fixtures.path(media), "--video-codec", codec, "--seconds", "3"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, out)
        }.map { process, out in
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try JSONDecoder().decode(Published.self, from: data)
        }
        server.stop()
        #expect(results.allSatisfy { $0.connected == true })
        let ports = results.compactMap { $0.answerPorts?.first }
        #expect(Set(ports).count == 2 && ports.allSatisfy { (first...(first + 3)).contains($0) }, "ports \(ports)")
        let dumps = server.dumps(room: "pair")
        #expect(dumps.count == 1)
        guard let dump = dumps.first else { return }
        let report = try Self.inspect(dump)
        #expect(report.participants.count == 2 && report.tracks.count == 4)
        #expect(report.tracks.allSatisfy { $0.lostPackets == 0 })

        let output = Fixtures.temporaryPath("whip-pair-\(UUID().uuidString).mp4")
        let render = try ServerProcess.run(RenderCommandTests.executable.path, ["render", dump, "-o", output, "--size", "640x240"])
        #expect(render.status == 0, "\(render.err)")
        let picture = try MediaProbe.picture(output, at: 2, width: 640, height: 240)
        let tiles = [picture.color(x: 160, y: 120), picture.color(x: 480, y: 120)]
        #expect(tiles.contains { FixtureColor.matches($0, "red", tolerance: 60) } && tiles.contains { FixtureColor.matches($0, "green", tolerance: 60) },
                "tiles \(tiles)")
    }

    /// 5 % random loss and up to 20 ms of jitter (so reordering) between
    /// aiortc and tessera: NACK must bring back at least 90 % of the lost
    /// video packets, and keyframes are asked for only for what NACK could
    /// not repair — at most one per unrepaired loss. (The relay's last second
    /// is clean, so every loss had time to be repaired before the DELETE.)
    @Test func nackRecoversLossThroughALossyRelay() throws {
        let server = try ServerProcess()
        let sent = try Self.publish(server.base + "/whip/lossy", media: "publish-motion.mp4", seconds: 6,
                                    extra: ["--loss", "0.05", "--jitter", "0.02", "--seed", "7"])
        let (_, log) = server.stop()
        #expect(sent.connected == true, "\(sent)")
        let dump = try #require(server.dumps(room: "lossy").first)
        let report = try Self.inspect(dump)
        let video = try #require(report.tracks.first { $0.kind == "video" })
        // The track lists its media and RTX SSRCs in arrival order: the media stream is the one the relay dropped most from.
        let dropped = video.ssrcs.map { sent.relay?.dropped[String($0)]?.count ?? 0 }.max() ?? 0
        #expect(dropped >= 15, "the relay dropped \(dropped) of the video stream's packets")
        // The connection's own count, from the log line it ends with.
        let summary = try #require(log.split(separator: "\n").first { $0.contains("publisher connection ended") }, "\(log.suffix(3000))")
        let recovered = Double(dropped - video.lostPackets) / Double(Swift.max(dropped, 1))
        #expect(recovered >= 0.9, "recovered \(dropped - video.lostPackets) of \(dropped) lost video packets: \(summary)")
        let plis = Int(summary.firstMatch(of: /(\d+) PLIs/)?.1 ?? "") ?? -1
        // One spare: with 20 ms of reordering a frame's wait can end before a NACKed packet comes back, and that frame asks for a keyframe.
        #expect(plis >= 0 && plis <= Swift.max(1, video.lostPackets) + 1, "PLIs \(plis) for \(video.lostPackets) unrepaired packets: \(summary)")
        #expect(video.frames >= 150)
    }

    /// A publisher that vanishes (killed, no DELETE) is noticed by consent
    /// freshness: its tracks end in the dump with the reason, and the room's
    /// dump is closed. (The server runs with a 4 s consent timeout here; 30 s by default.)
    @Test func aVanishedPublisherIsDetectedByConsentFreshness() throws {
        let server = try ServerProcess(extraArguments: ["--consent-timeout", "4"])
        defer { server.stop() }
        let sent = try Self.publish(server.base + "/whip/vanish", media: "publish-red.mp4", seconds: 2, extra: ["--vanish"])
        #expect(sent.connected == true)
        let vanishedAt = Date()
        // The dump closes once the room is empty: wait for it (bounded), without stopping the server.
        var report: InspectReport?
        while Date().timeIntervalSince(vanishedAt) < 15 {
            if let dump = server.dumps(room: "vanish").first, let candidate = try? Self.inspect(dump), candidate.events["participantLeft"] == 1 {
                report = candidate
                break
            }
            usleep(250_000)
        }
        let waited = Date().timeIntervalSince(vanishedAt)
        let final = try #require(report, "the publisher never left the dump")
        // Consent is proven every 4/3 s, so the last proof is 0–1.4 s old when the publisher goes.
        #expect(waited >= 1.5 && waited < 8, "left after \(waited) s with a 4 s consent timeout")
        #expect(final.events["trackEnded"] == 2)
        #expect(final.tracks.allSatisfy { $0.lostPackets == 0 && $0.packets > 50 })
        // The session went with the publisher: a late DELETE finds nothing.
        let location = try #require(sent.location)
        #expect(try ServerProcess.http("DELETE", server.base + location).status == 404)
        let (_, log) = server.stop()
        #expect(log.contains("ICE consent lost"))
    }

    /// With --stun-server, the answer carries a server-reflexive candidate
    /// with the address a real STUN server (coturn, on loopback) saw; the
    /// session then takes trickle fragments (If-Match checked, ICE restart and
    /// garbage refused) and ends with DELETE.
    @Test func answerHasAServerReflexiveCandidateAndTheSessionTakesTrickle() throws {
        let stunPort = ServerProcess.freeUDPPorts(1)
        let database = Fixtures.temporaryPath("turndb-\(UUID().uuidString)")
        let coturn = Process()
        coturn.executableURL = URL(fileURLWithPath: "/usr/bin/turnserver")
        coturn.arguments = ["-n", "--listening-ip=127.0.0.1", "--listening-port=\(stunPort)", "--stun-only", "--no-tls", "--no-dtls",
                            "--no-cli", "--db=\(database)", "--pidfile=\(database).pid", "--log-file=stdout"]
        coturn.standardOutput = FileHandle.nullDevice
        coturn.standardError = FileHandle.nullDevice
        try coturn.run()
        defer { kill(coturn.processIdentifier, SIGKILL); coturn.waitUntilExit() }  // coturn ignores SIGTERM while busy
        usleep(500_000)
        let server = try ServerProcess(extraArguments: ["--stun-server", "127.0.0.1:\(stunPort)"])
        defer { server.stop() }
        let offer = """
            v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n\
            a=fingerprint:sha-256 AA:BB\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=rtpmap:111 opus/48000/2\r\n
            """
        let answer = try ServerProcess.http("POST", server.base + "/whip/stun", body: offer, headers: ["Content-Type: application/sdp"])
        #expect(answer.status == 201, "\(answer.body)")
        let srflx = answer.body.split(separator: "\n").first { $0.contains("typ srflx") }
        #expect(srflx?.contains("127.0.0.1 \(server.mediaPort) typ srflx raddr 127.0.0.1 rport \(server.mediaPort)") == true, "\(answer.body)")
        #expect(answer.body.contains("127.0.0.1 \(server.mediaPort) typ host"))

        // Trickle to that session: If-Match must name its ETag.
        let location = try #require(answer.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("location:") }?
            .split(separator: " ", maxSplits: 1).last.map(String.init))
        let etag = try #require(answer.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("etag:") }?
            .split(separator: " ", maxSplits: 1).last.map(String.init))
        let fragment = "a=candidate:1 1 udp 2130706431 127.0.0.1 9 typ host\r\n"
        let trickle = "Content-Type: application/trickle-ice-sdpfrag"
        #expect(try ServerProcess.http("PATCH", server.base + location, body: fragment, headers: [trickle, "If-Match: \(etag)"]).status == 204)
        #expect(try ServerProcess.http("PATCH", server.base + location, body: fragment, headers: [trickle, "If-Match: \"stale\""]).status == 412)
        #expect(try ServerProcess.http("PATCH", server.base + location, body: "a=ice-ufrag:new1\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n",
                                       headers: [trickle]).status == 422)
        #expect(try ServerProcess.http("PATCH", server.base + location, body: "garbage line\r\n", headers: [trickle]).status == 400)
        #expect(try ServerProcess.http("DELETE", server.base + location).status == 200)
        #expect(try ServerProcess.http("DELETE", server.base + location).status == 404)
    }

    /// The calling side of tessera's own stack (controlling ICE, DTLS client)
    /// against the server over real sockets: `tessera benchmark whip`, the
    /// load generator, publishes 3 peers at 1.5 Mbit/s and every packet lands.
    @Test func tesserasOwnCallingSidePublishesToTheServer() throws {
        let server = try ServerProcess()
        let result = try ServerProcess.run(RenderCommandTests.executable.path, [
            "benchmark", "whip", server.base + "/whip/own", "--publishers", "3", "--seconds", "2", "--json",
        ], timeout: 60)
        server.stop()
        #expect(result.status == 0, "\(result.err)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(summary["connected"] as? Int == 3)
        let sent = summary["packetsSent"] as? Int ?? 0
        let report = try Self.inspect(try #require(server.dumps(room: "own").first))
        #expect(report.participants.count == 3 && report.tracks.count == 6)
        #expect(report.tracks.reduce(0) { $0 + $1.packets } == sent && sent > 3 * 2 * 150, "sent \(sent)")
        #expect(report.tracks.allSatisfy { $0.lostPackets == 0 })
    }

    /// Requests WHIP must refuse, each with its status and a reason.
    @Test func badRequestsAreRefusedWithAReason() throws {
        let server = try ServerProcess(extraArguments: ["--whip-token", "s3cret"])
        defer { server.stop() }
        let url = server.base + "/whip/room1"
        let auth = "Authorization: Bearer s3cret"
        let sdp = "Content-Type: application/sdp"

        let noToken = try ServerProcess.http("POST", url, body: "v=0\r\n", headers: [sdp])
        #expect(noToken.status == 401 && noToken.headers.lowercased().contains("www-authenticate: bearer"))
        let wrongToken = try ServerProcess.http("POST", url, body: "v=0\r\n", headers: [sdp, "Authorization: Bearer s3cres"])
        #expect(wrongToken.status == 401)

        let notSDP = try ServerProcess.http("POST", url, body: "{}", headers: [auth, "Content-Type: application/json"])
        #expect(notSDP.status == 415)

        let malformed = try ServerProcess.http("POST", url, body: "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video nine UDP/TLS/RTP/SAVPF 96\r\n",
                                               headers: [auth, sdp])
        #expect(malformed.status == 400 && malformed.body.contains("line 5"), "\(malformed.body)")

        let g722 = """
            v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n\
            a=fingerprint:sha-256 AA:BB\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 9\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=rtpmap:9 G722/8000\r\n
            """
        let unsupported = try ServerProcess.http("POST", url, body: g722, headers: [auth, sdp])
        #expect(unsupported.status == 406 && unsupported.body.contains("G722"), "\(unsupported.body)")

        let badRoom = try ServerProcess.http("POST", server.base + "/whip/no%20spaces", body: g722, headers: [auth, sdp])
        #expect(badRoom.status == 400)

        let unknown = try ServerProcess.http("DELETE", url + "/nosuchsession", headers: [auth])
        #expect(unknown.status == 404)
        let unknownPatch = try ServerProcess.http("PATCH", url + "/nosuchsession", body: "a=candidate:1 1 udp 1 127.0.0.1 9 typ host\r\n",
                                                  headers: [auth, "Content-Type: application/trickle-ice-sdpfrag"])
        #expect(unknownPatch.status == 404)
        // Nothing was recorded for any of them.
        #expect(server.dumps(room: "room1").isEmpty)
    }
}
