import Dump
import Foundation
import Testing

/// A `tessera serve` process for a test: its own data directory, free
/// ports, stopped with SIGTERM (the graceful path users take).
final class ServerProcess {
    let process = Process()
    let dataDirectory: String
    private(set) var httpPort = 0
    private(set) var mediaPort = 0
    private let output = Pipe()
    private var log = ""
    private let drained = LockedLog()

    /// What the server wrote after it started, read as it comes: a server
    /// whose output pipe fills up would block on its next log line.
    final class LockedLog: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        let done = DispatchSemaphore(value: 0)
        func append(_ data: Data) { lock.withLock { text += String(decoding: data, as: UTF8.self) } }
        var value: String { lock.withLock { text } }
    }

    static var projectRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var python: String { projectRoot.appendingPathComponent(".venv/bin/python").path }

    /// `autoRecord`: every room is recorded from its first publisher (the WHIP tests' setting).
    /// `dataDirectory`: another server's, to start again where it stopped.
    init(extraArguments: [String] = [], autoRecord: Bool = true, dataDirectory: String? = nil) throws {
        self.dataDirectory = dataDirectory ?? Fixtures.temporaryPath("serve-\(UUID().uuidString)")
        process.executableURL = RenderCommandTests.executable
        let port = extraArguments.contains("--rtc-port") ? [] : ["--rtc-port", "0"]
        process.arguments = ["serve", "--http-port", "0"] + port + ["--public-ip", "127.0.0.1", "--data-dir", self.dataDirectory]
            + (autoRecord ? ["--auto-record"] : []) + extraArguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Wait (bounded) for the line that names the ports: a server that says
        // nothing is killed after 20 s, which ends the read below.
        let deadline = Date().addingTimeInterval(20)
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        defer { watchdog.cancel() }
        let handle = output.fileHandleForReading
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let line = log.split(separator: "\n").first(where: { $0.hasPrefix("tessera: listening on") }) {
                let words = line.split(separator: " ")
                httpPort = Int(words[3].split(separator: ":").last!.filter(\.isNumber)) ?? 0
                mediaPort = Int(words[7].split(separator: ",").first?.filter(\.isNumber) ?? "") ?? 0
                break
            }
        }
        guard httpPort > 0 else {
            process.terminate()
            throw ServerError.didNotStart(log)
        }
        Thread.detachNewThread { [drained] in
            while case let chunk = handle.availableData, !chunk.isEmpty { drained.append(chunk) }
            drained.done.signal()
        }
    }

    enum ServerError: Error { case didNotStart(String) }

    var base: String { "http://127.0.0.1:\(httpPort)" }

    /// SIGTERM, then waits (bounded) for the exit; returns the whole log.
    @discardableResult
    func stop() -> (status: Int32, log: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        if drained.done.wait(timeout: .now() + 5) == .success { drained.done.signal() }  // a second stop() need not wait
        let output = log + drained.value
        // A crash at shutdown is a defect: its report (the runtime's backtrace) goes into the test log.
        if process.terminationReason == .uncaughtSignal && process.terminationStatus != SIGKILL {
            print("tessera serve ended by signal \(process.terminationStatus); the end of its output:\n\(output.suffix(6000))")
        }
        return (process.terminationStatus, output)
    }

    /// SIGKILL: the crash a server must recover from.
    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate() } }

    /// A run of `count` consecutive UDP ports on 127.0.0.1 that are free right
    /// now (each is bound and released to check), for servers that need fixed ports.
    static func freeUDPPorts(_ count: Int) -> Int {
        for _ in 0..<50 {
            let first = Int.random(in: 20_000...30_000)  // below Linux's ephemeral range
            let sockets = (0..<count).map { offset -> Int32 in
                let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(first + offset).bigEndian
                address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
                let bound = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                if bound != 0 { close(fd); return -1 }
                return fd
            }
            sockets.filter { $0 >= 0 }.forEach { close($0) }
            if !sockets.contains(-1) { return first }
        }
        return 29_000
    }

    /// Runs `body` with the socket address 127.0.0.1:`port` (for bind or connect).
    static func withLoopbackAddress<T>(port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// A TCP port on 127.0.0.1 that is free right now (the kernel picks it; the socket is closed again).
    static func freeTCPPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : 0
    }

    /// Every recording's dump the server wrote for one room (its session record names the room), oldest first.
    func dumps(room: String) -> [String] {
        let directory = dataDirectory + "/recordings"
        let jobs = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var found: [(path: String, started: Int64)] = []
        for path in jobs.map({ directory + "/" + $0 + "/session.rtpd" }) {
            guard let reader = try? DumpFileReader(path: path) else { continue }
            for _ in 0..<4 {
                guard let item = try? reader.next() else { break }
                if case let .record(timed) = item, case let .session(session) = timed.record {
                    if session.room == room { found.append((path, session.startedAtMicros)) }
                    break
                }
            }
        }
        return found.sorted { $0.started < $1.started }.map(\.path)
    }

    /// Runs a program to its end (bounded by `timeout` seconds) and returns its standard output.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 90) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// An HTTP request with curl: status, headers and body.
    static func http(_ method: String, _ url: String, body: String? = nil, headers: [String] = [],
                     maxTime: Int = 10) throws -> (status: Int, headers: String, body: String) {
        let headerFile = Fixtures.temporaryPath("curl-headers-\(UUID().uuidString)")
        var arguments = ["-s", "--path-as-is", "-X", method, "-D", headerFile, "--max-time", "\(maxTime)", url]
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["--data-binary", body] }
        arguments += ["-w", "\n%{http_code}"]
        let result = try run("/usr/bin/curl", arguments, timeout: TimeInterval(maxTime + 5))
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.last ?? "") ?? 0
        let headerText = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        return (status, headerText, lines.dropLast().joined(separator: "\n"))
    }
}
