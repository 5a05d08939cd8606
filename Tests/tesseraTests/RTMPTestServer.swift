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
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
