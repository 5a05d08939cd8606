import Foundation

/// A real RTMP server for tests: Debian's nginx with libnginx-mod-rtmp
/// (scripts/rtmp-server.sh) on a free loopback port. Every stream published
/// to `rtmp://127.0.0.1:PORT/live/KEY` is recorded whole to `record(KEY)`.
final class RTMPTestServer {
    enum Failure: Error { case didNotStart }
    let port = ServerProcess.freeTCPPort()
    let directory = Fixtures.temporaryPath("rtmp-\(UUID().uuidString.prefix(8))")
    private let process = Process()

    init() throws {
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [ServerProcess.projectRoot.appendingPathComponent("scripts/rtmp-server.sh").path, directory, String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if Self.accepts(port) { return }
            usleep(100_000)
        }
        stop()
        throw Failure.didNotStart
    }

    deinit { stop() }

    func url(_ key: String) -> String { "rtmp://127.0.0.1:\(port)/live/\(key)" }
    func record(_ key: String) -> String { directory + "/records/\(key).flv" }

    /// SIGKILL: the test process's children may inherit a mask that blocks SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        return ServerProcess.withLoopbackAddress(port: port) { connect(fd, $0, $1) == 0 }
    }
}
