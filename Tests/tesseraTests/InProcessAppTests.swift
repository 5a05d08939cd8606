import Foundation
import Jobs
import Logging
import Server
import Synchronization
import Testing

/// The whole app built in this process from an `AppConfiguration` (no
/// binary spawned): it listens, answers over loopback with its real
/// routes and auth, records nothing it was not asked to, and stops when its
/// task is cancelled.
@Suite struct InProcessAppTests {
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
}
