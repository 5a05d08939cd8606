import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Outbound
@testable import Rooms
import Testing

/// Outbound requests against a hostile server on loopback
/// (scripts/peers/outbound_probe_server.py): no redirect is followed, so no
/// token reaches another host; bodies are capped; a slow body times out.
@Suite(.serialized) struct OutboundHTTPTests {
    final class ProbeServer {
        let process = Process()
        let output = Pipe()
        var port = 0, otherPort = 0

        init() throws {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/peers/outbound_probe_server.py")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, "--seconds", "120"]
            process.standardOutput = output
            try process.run()
            let line = String(decoding: output.fileHandleForReading.readLine(), as: UTF8.self)
            let words = line.split(separator: " ")
            guard words.count == 3, let first = Int(words[1]), let second = Int(words[2]) else { throw ProbeError(line) }
            (port, otherPort) = (first, second)
        }

        /// What the "other host" saw, after the server stops.
        func stop() -> String {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
    }

    struct ProbeError: Error { let line: String; init(_ line: String) { self.line = line } }

    @Test func aWHEPRedirectIsNotFollowedAndTheTokenStaysHome() async throws {
        let server = try ProbeServer()
        let client = WHEPClient(url: "http://127.0.0.1:\(server.port)/redirect", token: "secret-token", timeoutSeconds: 10)
        var refusal: WHEPError?
        do { _ = try await client.offer("v=0\r\n") } catch { refusal = error }
        let seen = server.stop()
        #expect(refusal.map { if case .refused(307, _) = $0 { true } else { false } } == true, "\(String(describing: refusal))")
        #expect(!(refusal?.description.contains("secret-internal-body") ?? true), "the redirect's body is not echoed")
        #expect(!seen.contains("other-host"), "nothing reached the other host: \(seen)")
    }

    @Test func aLocationOnAnotherOriginGetsNoDelete() async throws {
        let server = try ProbeServer()
        let client = WHEPClient(url: "http://127.0.0.1:\(server.port)/ok", token: "secret-token", timeoutSeconds: 10)
        let (_, session) = try await client.offer("v=0\r\n")
        let status = await client.delete(session)
        let seen = server.stop()
        #expect(session.resource == nil && status == nil)
        #expect(!seen.contains("secret-token"), "\(seen)")
    }

    @Test func bodiesAreCappedAndSlowBodiesTimeOut() async throws {
        let server = try ProbeServer()
        defer { _ = server.stop() }
        let http = OutboundHTTP(maximumBodyBytes: 1 << 20)
        await #expect(throws: OutboundHTTP.Failure.tooLarge(1 << 20)) {
            _ = try await http.send(URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/big")!, timeoutInterval: 30))
        }
        let started = Date()
        await #expect(throws: OutboundHTTP.Failure.timedOut) {
            _ = try await http.send(URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/slow")!, timeoutInterval: 2))
        }
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test(arguments: [
        ([127, 0, 0, 1], true), ([10, 1, 2, 3], true), ([172, 20, 0, 1], true), ([192, 168, 1, 1], true),
        ([169, 254, 169, 254], true), ([100, 64, 0, 1], true), ([224, 0, 0, 1], true), ([0, 0, 0, 0], true),
        ([8, 8, 8, 8], false), ([172, 32, 0, 1], false), ([93, 184, 216, 34], false),
    ] as [([UInt8], Bool)])
    func internalIPv4Ranges(address: [UInt8], expected: Bool) {
        #expect(AddressRanges.isInternal(address) == expected)
    }

    @Test func internalIPv6RangesAndLoopbackNames() {
        #expect(AddressRanges.isInternal([UInt8](repeating: 0, count: 15) + [1]))
        #expect(AddressRanges.isInternal([0xfd] + [UInt8](repeating: 0, count: 15)))
        #expect(AddressRanges.isInternal([0xfe, 0x80] + [UInt8](repeating: 0, count: 14)))
        #expect(AddressRanges.isInternal([UInt8](repeating: 0, count: 10) + [0xff, 0xff, 127, 0, 0, 1]))
        #expect(!AddressRanges.isInternal([0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 1, count: 12)))
        #expect(AddressRanges.reachesInternal("localhost") && AddressRanges.reachesInternal("127.0.0.1"))
    }
}

extension FileHandle {
    /// One line (without its newline), read byte by byte so nothing after it is consumed.
    func readLine() -> Data {
        var line = Data()
        while true {
            let byte = readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { return line }
            line.append(byte)
        }
    }
}
