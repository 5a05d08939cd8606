import Foundation
import Jobs
import Logging
import Server
import Synchronization
import Testing

/// The whole app built in this process (no binary spawned), listening on a
/// free loopback port: for tests of the HTTP API where no process boundary
/// is the point. `stop()` cancels it and waits for it to end.
final class InProcessApp: Sendable {
    let app: TesseraApp
    let base: String
    let dataDirectory: String
    private let running: Task<Void, Error>

    /// `adjust` changes the configuration (keys, capacity…) before the app is built.
    init(_ adjust: (inout AppConfiguration) -> Void = { _ in }) async throws {
        let directory = Fixtures.temporaryPath("in-process-\(UUID().uuidString)")
        var configuration = AppConfiguration(candidateAddresses: ["127.0.0.1"], service: JobService.Configuration(dataDirectory: directory))
        configuration.httpPort = 0
        configuration.rtcHost = "127.0.0.1"
        configuration.rtcPorts = [0]
        adjust(&configuration)
        let app = try await TesseraApp.build(configuration, logger: Logger(label: "in-process"), bootstrapMetrics: false)
        let port = Mutex<Int?>(nil)
        running = Task { try await app.run(graceSeconds: 5) { listening in port.withLock { $0 = listening } } }
        let started = ContinuousClock.now
        while port.withLock({ $0 }) == nil && ContinuousClock.now - started < .seconds(60) { try await Task.sleep(for: .milliseconds(20)) }
        let listening = try #require(port.withLock { $0 }, "the app never listened")
        self.app = app
        base = "http://127.0.0.1:\(listening)"
        dataDirectory = directory
    }

    /// Runs `body` against a fresh app and stops it afterwards, whatever happens.
    static func with(_ adjust: (inout AppConfiguration) -> Void = { _ in }, _ body: (InProcessApp) async throws -> Void) async throws {
        let app = try await InProcessApp(adjust)
        do { try await body(app) } catch {
            try? await app.stop()
            throw error
        }
        try await app.stop()
    }

    func stop() async throws {
        running.cancel()
        try await running.value
    }

    func http(_ method: String, _ path: String, body: String? = nil, headers: [String] = []) throws -> (status: Int, headers: String, body: String) {
        try ServerProcess.http(method, base + path, body: body, headers: headers)
    }
}
