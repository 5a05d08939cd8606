import Foundation
import Testing

/// tessera pulling a stream from a WHEP server that aiortc (an independent
/// stack) runs in the test: tessera offers (recvonly, controlling ICE), the
/// server answers, the stream is recorded, and DELETE on the server's
/// Location ends it.
@Suite struct WHEPInteropTests {
    /// scripts/peers/whep_server.py, its JSON lines collected as they come.
    final class WHEPServerPeer {
        let peer: JSONLinesPeer
        private(set) var port = 0

        init(media: String, token: String? = nil, hangUpAfter: Double? = nil, lifetime: Int = 60) throws {
            peer = try JSONLinesPeer(python: "whep_server.py", ["--media", try Fixtures.path(media), "--lifetime", String(lifetime)]
                + (token.map { ["--token", $0] } ?? []) + (hangUpAfter.map { ["--hang-up-after", String($0)] } ?? []))
            let listening = try #require(peer.wait(for: "listening", seconds: 20), "the WHEP server did not start")
            port = listening["port"] as? Int ?? 0
        }

        var url: String { "http://127.0.0.1:\(port)/whep/stream" }

        func wait(for event: String, seconds: Double) -> [String: Any]? { peer.wait(for: event, seconds: seconds) }

        func stop() { peer.stop() }
    }

    typealias Service = ServiceInteropTests

    static func recordingRequest(room: String, url: String, token: String?) -> String {
        let token = token.map { #", "token": "\#($0)""# } ?? ""
        return #"{"room": "\#(room)", "source": {"type": "whep", "url": "\#(url)"\#(token), "name": "camera-1"}, "output": {"width": 320, "height": 240}}"#
    }

    @Test func recordsAStreamPulledOverWHEP() async throws {
        let peer = try WHEPServerPeer(media: "publish-red.mp4", token: "whep-secret")
        defer { peer.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", Self.recordingRequest(room: "whep-a", url: peer.url, token: "whep-secret"))
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Service.Document.self, created.body).id
        let active = try Service.wait(server, "/v1/recordings/\(id)", for: ["active", "failed"], seconds: 20)
        #expect(active.state == "active", "\(String(describing: active.error))")
        #expect(peer.wait(for: "session", seconds: 5) != nil)
        try await Task.sleep(nanoseconds: 4_000_000_000)

        let stopped = try Service.decode(Service.Document.self, try Service.post(server, "/v1/recordings/\(id)/stop", "").body)
        #expect(stopped.state == "completed", "\(String(describing: stopped.error))")
        #expect(stopped.participants.map { $0["name"] } == ["camera-1"])
        #expect(Set(stopped.tracks.map(\.kind)) == ["audio", "video"] && stopped.tracks.allSatisfy { $0.packets > 50 }, "\(stopped.tracks)")
        // tessera hung up on the server's resource URL.
        let deleted = try #require(peer.wait(for: "deleted", seconds: 30), "no DELETE reached the WHEP server")
        #expect(deleted["connected"] as? Bool == true)
        let sent = try #require(deleted["sent"] as? [String: [String: Int]])
        let receivedVideo = stopped.tracks.first { $0.kind == "video" }?.packets ?? 0
        #expect(Double(receivedVideo) >= Double(sent["video"]?["packets"] ?? .max) * 0.9, "sent \(sent), recorded \(stopped.tracks)")

        let output = Fixtures.temporaryPath("whep-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        let duration = try MediaProbe.probe(output).duration
        #expect(duration > 2.5 && duration < 7, "\(duration) s")
        #expect(FixtureColor.matches(try MediaProbe.picture(output, at: duration / 2, width: 320, height: 240).color(x: 160, y: 120), "red", tolerance: 60))
        let samples = try MediaProbe.audio(output)
        let window = samples[(samples.count / 2)..<min(samples.count, samples.count / 2 + 48_000)]
        #expect(MediaProbe.tonePower(window, frequency: 440) > 1000 * MediaProbe.tonePower(window, frequency: 3000))
    }

    /// A source that hangs up ends its recording, which keeps what arrived.
    @Test func aSourceThatHangsUpEndsItsRecording() throws {
        let peer = try WHEPServerPeer(media: "publish-red.mp4", hangUpAfter: 3)
        defer { peer.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key, "--consent-timeout", "3"], autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", Self.recordingRequest(room: "whep-b", url: peer.url, token: nil))
        let id = try Service.decode(Service.Document.self, created.body).id
        #expect(peer.wait(for: "hung-up", seconds: 15) != nil)
        let ended = try Service.wait(server, "/v1/recordings/\(id)", for: ["completed", "failed", "aborted"], seconds: 20)
        #expect(ended.state == "completed" && ended.files.contains { $0.name == "recording.mp4" }, "\(ended.state) \(String(describing: ended.error))")
        let log = server.stop().log
        #expect(log.contains("the WHEP source ended"), "\(log.suffix(2000))")
    }

    /// A refused token, a server that is not there, and requests without a URL.
    @Test func refusalsSayWhy() throws {
        let peer = try WHEPServerPeer(media: "publish-red.mp4", token: "right")
        defer { peer.stop() }
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let closedPort = ServerProcess.freeUDPPorts(1)
        for (url, token, message) in [(peer.url, "wrong", "HTTP 401"), ("http://127.0.0.1:\(closedPort)/whep", nil, "cannot be reached")] {
            let created = try Service.post(server, "/v1/recordings", Self.recordingRequest(room: "whep-c", url: url, token: token))
            #expect(created.status == 201)
            let id = try Service.decode(Service.Document.self, created.body).id
            let failed = try Service.wait(server, "/v1/recordings/\(id)", for: ["failed", "active"], seconds: 20)
            #expect(failed.state == "failed" && failed.error?.reason == "start_failed" && failed.error?.message.contains(message) == true,
                    "\(failed.state) \(String(describing: failed.error))")
        }
        for body in [#"{"room": "r", "source": {"type": "whep"}}"#, #"{"room": "r", "source": {"type": "whep", "url": "ftp://x/y"}}"#,
                     #"{"room": "r", "source": {"type": "whip", "url": "http://x/y"}}"#] {
            let refused = try Service.post(server, "/v1/recordings", body)
            #expect(refused.status == 400 && refused.body.contains("source."), "\(body): \(refused.body)")
        }
    }
}
