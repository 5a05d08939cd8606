import Foundation

/// A real S3 server for a test (SeaweedFS through scripts/s3-server.sh), on
/// free loopback ports, with one identity so every signature is checked.
/// It can be stopped (SIGKILL: the storage gone at once) and started again
/// on the same ports and data. `check` asks boto3 (scripts/peers/s3_check.py)
/// what the bucket holds, so what tessera stored is read by a client no one here wrote.
final class S3TestServer: @unchecked Sendable {  // driven by one test at a time; `process` is replaced only by start and stop
    static let accessKey = "tessera-test"
    let secretKey = "secret-\(UUID().uuidString.prefix(12))"
    let directory = Fixtures.temporaryPath("s3-\(UUID().uuidString)")
    let basePort: Int
    private var process: Process?

    var endpoint: String { "http://127.0.0.1:\(basePort + 3)" }

    /// `tessera serve` flags for this server and `bucket/prefix`.
    func flags(bucket: String, prefix: String = "t", secret: String? = nil) -> [String] {
        ["--storage", "s3://\(bucket)/\(prefix)", "--s3-endpoint", endpoint, "--s3-path-style",
         "--s3-access-key", Self.accessKey, "--s3-secret-key", secret ?? secretKey]
    }

    init() throws {
        basePort = Self.freePorts()
        try start()
    }

    /// Four free TCP ports in a row whose gRPC twins (+10000) are free too.
    private static func freePorts() -> Int {
        for _ in 0..<200 {
            let base = Int.random(in: 20_000...44_000)
            if (0..<4).allSatisfy({ isFree(base + $0) && isFree(base + $0 + 10_000) }) { return base }
        }
        return 21_000
    }

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        return ServerProcess.withLoopbackAddress(port: port) { bind(fd, $0, $1) == 0 }
    }

    /// Starts the server and waits (up to 90 s) until its S3 gateway answers.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [ServerProcess.projectRoot.appendingPathComponent("scripts/s3-server.sh").path, directory, String(basePort),
                             Self.accessKey, secretKey]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if let status = try? ServerProcess.http("GET", endpoint + "/", maxTime: 2).status, status > 0 {
                // The gateway answers before the filer behind it is ready: a bucket listing is the real signal.
                if (try? check(["buckets"])) != nil { return }
            }
            usleep(300_000)
        }
        throw Failure.didNotStart
    }

    /// SIGKILL, and waits for the exit: the storage is gone at once, as when its machine dies.
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The script's exec makes weed the process itself; reap any child it left.
        _ = try? ServerProcess.run("/usr/bin/pkill", ["-9", "-f", "weed server .*-master.port=\(basePort) "])
        self.process = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    enum Failure: Error { case didNotStart, checkFailed(String) }

    /// Runs scripts/peers/s3_check.py with `arguments`; returns its JSON.
    @discardableResult
    func check(_ arguments: [String]) throws -> Any {
        let result = try ServerProcess.run(ServerProcess.python, [ServerProcess.projectRoot.appendingPathComponent("scripts/peers/s3_check.py").path,
                                                                   endpoint, Self.accessKey, secretKey] + arguments, timeout: 60)
        guard result.status == 0, let json = try? JSONSerialization.jsonObject(with: Data(result.out.utf8)) else {
            throw Failure.checkFailed(result.err.suffix(500).description)
        }
        return json
    }

    func makeBucket(_ name: String) throws { try check(["mkbucket", name]) }

    /// Every object under `prefix`: key → (size, MD5 of the bytes boto3 read back).
    func objects(_ bucket: String, prefix: String) throws -> [String: (size: Int, md5: String)] {
        var found: [String: (size: Int, md5: String)] = [:]
        for item in try check(["list", bucket, prefix]) as? [[String: Any]] ?? [] {
            if let key = item["key"] as? String { found[key] = (item["size"] as? Int ?? -1, item["md5"] as? String ?? "") }
        }
        return found
    }

    /// Multipart uploads begun and neither completed nor aborted.
    func pendingUploads(_ bucket: String) throws -> Int { (try check(["uploads", bucket]) as? [Any])?.count ?? -1 }
}
