import Foundation
import Jobs
import Logging
import Server
import Synchronization
import Testing

/// The whole app built in this process from an `AppConfiguration` (no
/// binary spawned): it listens, answers over loopback with its real
/// routes and auth, records nothing it was not asked to, and stops when its
/// task is cancelled. The API's answers that need no process boundary are
/// tested here. One at a time: the requests block a thread each.
@Suite(.serialized) struct InProcessAppTests {
    typealias Service = ServiceInteropTests
    static let key = "in-process-key"
    static let auth = "Authorization: Bearer \(key)"
    @Test func theAppBuiltInProcessServesItsRoutesAndStops() async throws {
        let directory = Fixtures.temporaryPath("in-process-\(UUID().uuidString)")
        var configuration = AppConfiguration(candidateAddresses: ["127.0.0.1"], service: JobService.Configuration(dataDirectory: directory))
        configuration.httpPort = 0
        configuration.rtcHost = "127.0.0.1"
        configuration.rtcPorts = [0]
        configuration.apiKeys = ["in-process-key"]
        configuration.whipTokens = ["in-process-key"]
        let app = try await TesseraApp.build(configuration, logger: Logger(label: "in-process"), bootstrapMetrics: false)
        let port = Mutex<Int?>(nil)
        let running = Task { try await app.run(graceSeconds: 5) { listening in port.withLock { $0 = listening } } }
        let started = ContinuousClock.now
        while port.withLock({ $0 }) == nil && ContinuousClock.now - started < .seconds(30) { try await Task.sleep(for: .milliseconds(20)) }
        let listening = try #require(port.withLock { $0 }, "the app never listened")
        let base = "http://127.0.0.1:\(listening)"
        #expect(try ServerProcess.http("GET", base + "/healthz").status == 200)
        #expect(try ServerProcess.http("GET", base + "/v1/recordings").status == 401, "the API key is required")
        let listed = try ServerProcess.http("GET", base + "/v1/recordings", headers: ["Authorization: Bearer in-process-key"])
        #expect(listed.status == 200 && listed.body.contains(#""jobs":[]"#), "\(listed)")
        let whip = try ServerProcess.http("POST", base + "/whip/room1", body: "v=0", headers: ["Content-Type: application/sdp"])
        #expect(whip.status == 401 && whip.headers.lowercased().contains("www-authenticate: bearer"), "WHIP wants its token: \(whip)")
        #expect(await app.service.currentLoad == 0)
        running.cancel()
        try await running.value
        #expect((try? ServerProcess.http("GET", base + "/healthz").status) != 200, "stopped")
    }

    /// Bad requests get a 400 that says what is wrong, and nothing is created.
    static let badRequests = [
        ("{", "JSON"),
        (#"{"room": 5}"#, "room"),
        (#"{}"#, "room"),
        (#"{"room": "a b"}"#, "room"),
        (#"{"room": "r", "output": {"width": -2}}"#, "width"),
        (#"{"room": "r", "output": {"fps": 1000}}"#, "fps"),
        (#"{"room": "r", "output": {"format": "avi"}}"#, "format"),
        (#"{"room": "r", "limits": {"maxBytes": -1}}"#, "maxBytes"),
        (#"{"room": "r", "layout": "../../etc/passwd"}"#, "layout"),
        (#"{"room": "r", "layout": "nosuchlayout"}"#, "layout"),
        (#"{"room": "r", "webhookUrl": "ftp://x"}"#, "webhookUrl"),
    ]

    @Test func badRequestsAreRefusedWithAReason() async throws {
        try await InProcessApp.with({ $0.apiKeys = [Self.key] }) { app in
            for (body, mentions) in Self.badRequests {
                let response = try app.http("POST", "/v1/recordings", body: body, headers: [Self.auth, Service.json])
                #expect(response.status == 400, "\(body): \(response.status) \(response.body)")
                let error = try Service.decode(Service.ErrorBody.self, response.body)
                #expect(error.error == "invalid_request" && error.message.contains(mentions), "\(body): \(error.message)")
            }
            #expect(try app.http("POST", "/v1/renders", body: #"{"recordingId": "nope"}"#, headers: [Self.auth, Service.json]).status == 404)
            #expect(try app.http("POST", "/v1/renders", body: #"{"recordingId": "a", "uploadId": "b"}"#, headers: [Self.auth, Service.json]).status == 400)
            let listed = try app.http("GET", "/v1/recordings", headers: [Self.auth]).body
            #expect(listed.contains(#""jobs":[]"#), "nothing was created: \(listed)")
        }
    }

    /// What operators see: the OpenAPI document (the one in docs/, covering
    /// every route), health, readiness and metrics.
    @Test func openAPIHealthAndMetrics() async throws {
        try await InProcessApp.with({ $0.apiKeys = [Self.key] }) { app in
            let served = try app.http("GET", "/openapi.json")
            #expect(served.status == 200)
            let document = try JSONSerialization.jsonObject(with: Data(served.body.utf8)) as? NSDictionary
            let file = try JSONSerialization.jsonObject(with: Data(contentsOf: ServerProcess.projectRoot.appendingPathComponent("docs/openapi.json"))) as? NSDictionary
            #expect(document != nil && document == file, "the served document is docs/openapi.json (run scripts/embed-openapi.sh)")
            #expect(document?["openapi"] as? String == "3.1.0")
            let paths = Set(((document?["paths"] as? NSDictionary)?.allKeys as? [String]) ?? [])
            for path in ["/v1/recordings", "/v1/recordings/{id}", "/v1/recordings/{id}/stop", "/v1/renders", "/v1/renders/{id}",
                         "/v1/recordings/{id}/files/{name}", "/v1/recordings/{id}/files/{name}/link", "/v1/renders/{id}/files/{name}",
                         "/v1/uploads", "/healthz", "/readyz", "/metrics"] {
                #expect(paths.contains(path), "\(path) is documented")
            }
            #expect(try app.http("GET", "/healthz").status == 200)
            #expect(try app.http("GET", "/readyz").body == "ready\n")
            _ = try app.http("POST", "/v1/recordings", body: #"{"room": "m", "liveComposite": false}"#, headers: [Self.auth, Service.json])
            let metrics = try app.http("GET", "/metrics")
            #expect(metrics.status == 200 && metrics.headers.contains("text/plain"))
            #expect(metrics.body.contains(#"tessera_jobs{state="active"} 1"#), "\(metrics.body.prefix(2000))")
            for name in ["tessera_webhook_failures_total", "tessera_recorded_packets_total", "tessera_frames_dropped_total",
                         "tessera_live_frames_skipped_total", "tessera_render_speed", "tessera_udp_datagrams_received", "tessera_capacity_used 1"] {
                #expect(metrics.body.contains(name), "\(name)")
            }
        }
    }

    /// With an API key, WHIP needs a token or the key, unless it is opened on purpose.
    @Test func whipIsClosedWhenTheAPIIsUnlessSaidOtherwise() async throws {
        let offer = "v=0\r\n"
        let closedTokens = try AppConfiguration.whipTokens(given: nil, apiKeys: [Self.key], open: false)
        try await InProcessApp.with({ $0.apiKeys = [Self.key]; $0.whipTokens = closedTokens }) { closed in
            #expect(try closed.http("POST", "/whip/room", body: offer, headers: ["Content-Type: application/sdp"]).status == 401)
            let keyed = try closed.http("POST", "/whip/room", body: offer, headers: ["Content-Type: application/sdp", Self.auth])
            #expect(keyed.status == 400, "with the key, the offer itself is judged: \(keyed.status)")
        }
        let openTokens = try AppConfiguration.whipTokens(given: nil, apiKeys: [Self.key], open: true)
        try await InProcessApp.with({ $0.apiKeys = [Self.key]; $0.whipTokens = openTokens }) { open in
            let anyone = try open.http("POST", "/whip/room", body: offer, headers: ["Content-Type: application/sdp"])
            #expect(anyone.status == 400, "opened, the offer itself is judged: \(anyone.status)")
        }
    }
}
