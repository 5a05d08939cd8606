import Foundation
import Testing

/// A test peer process (one of scripts/peers/) that reports what it does
/// as JSON lines on its standard output; the lines are collected as they
/// come, and tests wait for them without holding a thread.
final class JSONLinesPeer: @unchecked Sendable {  // `collected` is guarded by `lock`
    let process = Process()
    private let lock = NSLock()
    private var collected: [[String: Any]] = []

    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while case let data = handle.availableData, !data.isEmpty {
                buffer += data
                while let newline = buffer.firstIndex(of: 0x0a) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[(newline + 1)...])
                    if let event = try? JSONSerialization.jsonObject(with: line) as? [String: Any] {
                        lock.withLock { collected.append(event) }
                    }
                }
            }
        }
    }

    /// A Python peer of scripts/peers/, run with the project's venv.
    convenience init(python script: String, _ arguments: [String]) throws {
        try self.init(ServerProcess.python, [ServerProcess.projectRoot.appendingPathComponent("scripts/peers/" + script).path] + arguments)
    }

    func event(_ name: String) -> [String: Any]? {
        lock.withLock { collected.first { $0["event"] as? String == name } }
    }

    /// Blocks the calling thread: for synchronous tests.
    func wait(for name: String, seconds: Double) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let found = event(name) { return found }
            usleep(50_000)
        }
        return nil
    }

    /// Sleeps between looks: for async tests, which share the cooperative pool.
    func waitAsync(for name: String, seconds: Double) async -> [String: Any]? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let found = event(name) { return found }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return nil
    }

    /// SIGTERM, and SIGKILL for a peer still there 5 s later.
    func stop() {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
