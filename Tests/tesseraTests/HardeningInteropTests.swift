import Foundation
import Testing

/// Against a real `tessera serve`, as an attacker and a careless operator
/// would try it: crafted offers and requests cost at most themselves, the
/// server keeps running and other recordings finish; bad start-up settings
/// are refused with a clear message; WHIP is closed when the API is; idle
/// and half-sent connections are closed; publishers that never connect are
/// dropped and never shown.
@Suite(.serialized) struct HardeningInteropTests {
    typealias Service = ServiceInteropTests

    /// Runs the publisher with extra arguments and decodes what it printed.
    static func publish(_ url: String, seconds: Double, extra: [String]) throws -> WHIPInteropTests.Published {
        let result = try ServerProcess.run(ServerProcess.python, [
            WHIPInteropTests.publisher, url, "--media", try Fixtures.path("publish-red.mp4"), "--seconds", String(seconds),
            "--token", Service.key,
        ] + extra)
        #expect(result.status == 0, "publisher failed: \(result.err)")
        return try JSONDecoder().decode(WHIPInteropTests.Published.self, from: Data(result.out.utf8))
    }

    @Test func craftedOffersAndRangesCostOnlyThemselves() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", #"{"room": "good", "output": {"width": 640, "height": 360}}"#)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Service.Document.self, created.body).id
        let good = try Service.startPublisher(server.base + "/whip/good", media: "publish-red.mp4", codec: "vp8", seconds: 6)

        // VP8 at 2^63 − 1 Hz (the rate that stopped the server): refused by the SDP parser.
        let huge = try Self.publish(server.base + "/whip/evil", seconds: 1, extra: ["--munge", "VP8/90000=>VP8/9223372036854775807"])
        #expect(huge.status == 400, "\(huge)")
        // Render ranges past a day, or not numbers at all, are refused before a job exists.
        for range in [#""from": 1e13, "to": 2e13"#, #""from": 0, "to": 1e300"#, #""from": -5"#] {
            let render = try Service.post(server, "/v1/renders", #"{"recordingId": "\#(id)", \#(range)}"#)
            #expect(render.status == 400, "\(range): \(render.status) \(render.body)")
        }
        #expect(try ServerProcess.http("GET", server.base + "/healthz").status == 200)

        good.waitUntilExit()
        let stopped = try Service.post(server, "/v1/recordings/\(id)/stop", "")
        let document = try Service.decode(Service.Document.self, stopped.body)
        #expect(document.state == "completed" && document.files.contains { $0.name == "recording.mp4" }, "\(stopped.body)")
        #expect(try ServerProcess.http("GET", server.base + "/healthz").status == 200)
    }

    @Test func badStartUpSettingsAreRefusedNamingTheProblem() throws {
        let executable = RenderCommandTests.executable.path
        let data = Fixtures.temporaryPath("refusals-\(UUID().uuidString)")
        let common = ["serve", "--public-ip", "127.0.0.1", "--data-dir", data]

        let empty = try ServerProcess.run(executable, common + ["--http-port", "0", "--rtc-port", "0", "--api-key", ""], timeout: 30)
        #expect(empty.status != 0 && empty.err.contains("empty"), "\(empty.err)")
        let spaces = try ServerProcess.run(executable, common + ["--http-port", "0", "--rtc-port", "0", "--api-key", "   "], timeout: 30)
        #expect(spaces.status != 0 && spaces.err.contains("empty"), "\(spaces.err)")

        let mediaPort = ServerProcess.freeUDPPorts(1)
        let first = try ServerProcess(extraArguments: ["--rtc-port", String(mediaPort)], autoRecord: false)
        defer { first.stop() }
        let media = try ServerProcess.run(executable, common + ["--http-port", "0", "--rtc-port", String(mediaPort)], timeout: 30)
        #expect(media.status != 0 && media.err.contains("udp port \(mediaPort)"), "\(media.err)")
        let http = try ServerProcess.run(executable, common + ["--http-port", String(first.httpPort), "--rtc-port", "0"], timeout: 30)
        #expect(http.status != 0 && http.err.contains("tcp port \(first.httpPort)") && http.err.contains("--http-port"), "\(http.err)")
        #expect(!http.err.contains("Usage:") && !media.err.contains("Usage:"), "a taken port is no usage mistake: \(http.err)")
        // The first server still has its ports.
        #expect(try ServerProcess.http("GET", first.base + "/healthz").status == 200)
    }

    @Test func halfSentRequestsAreClosedAfterTheIdleTimeout() throws {
        let server = try ServerProcess(extraArguments: ["--http-idle-timeout", "2"], autoRecord: false)
        defer { server.stop() }
        let sockets = try (0..<50).map { _ in try HalfSentRequest(port: server.httpPort) }
        let deadline = Date().addingTimeInterval(45)
        var open = sockets
        while !open.isEmpty && Date() < deadline {
            open.removeAll { $0.isClosedByPeer() }
            usleep(200_000)
        }
        #expect(open.isEmpty, "\(open.count) of 50 half-sent requests still held after 45 s")
        // Whole requests still get answers, and the closes are counted.
        #expect(try ServerProcess.http("GET", server.base + "/healthz").status == 200)
        let counted = Self.limitRefusals(server, "request_head")
        #expect(counted >= 50, "request_head refusals: \(counted)")
    }

    /// The value of `tessera_limit_refusals_total{limit=…}` on `/metrics` (-1 when it is not there).
    static func limitRefusals(_ server: ServerProcess, _ limit: String) -> Int {
        let body = (try? ServerProcess.http("GET", server.base + "/metrics").body) ?? ""
        let prefix = #"tessera_limit_refusals_total{limit="\#(limit)"} "#
        guard let line = body.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return -1 }
        return Int(line.dropFirst(prefix.count)) ?? -1
    }

    @Test func aPublisherThatNeverConnectsIsDroppedAndNeverShown() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key, "--connect-timeout", "3"], autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", #"{"room": "ghost", "output": {"width": 640, "height": 360}}"#)
        let id = try Service.decode(Service.Document.self, created.body).id
        let ghost = try Self.publish(server.base + "/whip/ghost", seconds: 1, extra: ["--offer-only"])
        #expect(ghost.status == 201, "\(ghost)")
        let real = try Service.startPublisher(server.base + "/whip/ghost", media: "publish-red.mp4", codec: "vp8", seconds: 6)
        // Within the connect deadline (and some slack) the ghost's session is gone. An
        // empty trickle fragment asks without touching it: 204 while it exists, 404 after.
        var gone = false
        let deadline = Date().addingTimeInterval(30)
        while !gone && Date() < deadline, let location = ghost.location {
            let asked = try ServerProcess.http("PATCH", server.base + location, body: "a=end-of-candidates\r\n",
                                               headers: [Service.auth, "Content-Type: application/trickle-ice-sdpfrag"])
            #expect(asked.status == 204 || asked.status == 404, "\(asked)")
            gone = asked.status == 404
            if !gone { usleep(500_000) }
        }
        #expect(gone, "the session of a publisher that never connected is still there")
        #expect(Self.limitRefusals(server, "connect_deadline") == 1)
        #expect(Self.limitRefusals(server, "tracks_per_connection") == 0, "every limit shows, at 0 until it refuses")
        real.waitUntilExit()
        let stopped = try Service.post(server, "/v1/recordings/\(id)/stop", "")
        #expect(try Service.decode(Service.Document.self, stopped.body).state == "completed", "\(stopped.body)")
        let output = Fixtures.temporaryPath("ghost-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        // One tile across the whole canvas: the ghost holds no cell.
        let picture = try MediaProbe.picture(output, at: 3, width: 640, height: 360)
        let left = picture.color(x: 120, y: 180), right = picture.color(x: 520, y: 180)
        #expect(FixtureColor.matches(left, "red", tolerance: 60) && FixtureColor.matches(right, "red", tolerance: 60), "\(left) \(right)")
    }
}

/// A TCP connection that sent half a request head and then nothing.
final class HalfSentRequest {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let partial = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
        _ = partial.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Whether the server has closed its end (a read returns 0 or an error).
    func isClosedByPeer() -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT)) <= 0
    }

    deinit { close(descriptor) }
}
