import Cluster
import Foundation

/// A real PostgreSQL for tests (Debian's, through scripts/pg-server.sh) on
/// a free loopback port, one per test process and started on first use;
/// each test takes a database of its own. A watchdog stops the server
/// when the test process exits, however it exits.
public final class PostgresTestServer: Sendable {
    public static let shared = Result { try PostgresTestServer() }

    public let port: Int
    let directory: String

    private init() throws {
        directory = "/tmp/tessera-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        port = Self.freePort()
        let root = Self.projectRoot
        let data = directory + "/data"
        let script = """
            bash '\(root)/scripts/pg-server.sh' '\(directory)' \(port) > '\(directory).log' 2>&1 &
            # Until the test process has ended (a zombie waiting to be reaped has ended too).
            while kill -0 \(getpid()) 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' /proc/\(getpid())/status 2>/dev/null; do sleep 1; done
            runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D '\(data)' stop -m immediate >/dev/null 2>&1
            rm -rf '\(directory)' '\(directory).log'
            """
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/bash")
        watchdog.arguments = ["-c", script]
        watchdog.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        watchdog.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try watchdog.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if (try? Self.run("/usr/bin/pg_isready", ["-q", "-h", "127.0.0.1", "-p", String(port), "-d", "tessera", "-U", "tessera"])) == 0 { return }
            usleep(200_000)
        }
        throw Failure("PostgreSQL did not start on port \(port): see \(directory).log")
    }

    /// A new, empty database: its URL for `--database` and its address.
    public func makeDatabase() throws -> PostgresAddress {
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let status = try Self.run("/usr/bin/psql", ["-q", "-h", "127.0.0.1", "-p", String(port), "-U", "tessera", "-d", "tessera",
                                                    "-c", "CREATE DATABASE \(name)"])
        guard status == 0 else { throw Failure("CREATE DATABASE \(name) failed (\(status))") }
        return PostgresAddress(user: "tessera", host: "127.0.0.1", port: port, database: name, tls: .disable)
    }

    /// Runs SQL through psql (a client no one here wrote) and returns what it printed, unaligned, one row a line.
    public func psql(_ address: PostgresAddress, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", String(port), "-U", "tessera", "-d", address.database, "-c", sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure("psql failed on: \(sql)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static var projectRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func freePort() -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000...50_000)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if bound { return port }
        }
        return 25_432
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
