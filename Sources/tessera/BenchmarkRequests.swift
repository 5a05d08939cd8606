import APIModel
import ArgumentParser
import Foundation

/// `tessera benchmark requests`: the cost of reading a JSON request body
/// strictly (`StrictJSONDecoder`: positions, unknown fields) against
/// Foundation's `JSONDecoder` on the same bodies in the same run.
struct BenchmarkRequests: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests", abstract: "Microseconds per recording request body: the strict reader against Foundation's JSONDecoder.")

    @Option(help: "Bodies to read with each decoder.") var count = 50_000
    @Flag(help: "Print one JSON line.") var json = false

    static let body = Array(#"""
        {"room": "weekly-standup", "source": {"type": "janus", "url": "http://janus.internal:8088/janus", "room": 1234, "pin": "sesame"},
         "layout": "presenter", "output": {"format": "mp4", "width": 1280, "height": 720, "fps": 30, "videoBitrate": 2500000},
         "limits": {"maxDurationSeconds": 7200}, "webhookUrl": "https://hooks.example.com/tessera",
         "metadata": {"customer": "acme", "meeting": "standup", "region": "eu-west"}, "liveComposite": true}
        """#.utf8)

    func run() throws {
        guard count > 0 else { throw ValidationError("--count must be more than 0") }
        let data = Data(Self.body)
        let foundation = try Self.measure(count) { _ = try JSONDecoder().decode(RecordingRequest.self, from: data) }
        let strict = try Self.measure(count) { _ = try StrictJSONDecoder.decode(RecordingRequest.self, from: Self.body) }
        let ratio = strict / foundation
        if json {
            print(#"{"strictMicros": \#(strict), "foundationMicros": \#(foundation), "ratio": \#(ratio), "bodyBytes": \#(Self.body.count)}"#)
        } else {
            print(String(format: "%d-byte recording request, %d times each: strict %.1f µs, Foundation %.1f µs per body (%.2f×)",
                         Self.body.count, count, strict, foundation, ratio))
        }
    }

    /// Microseconds per call, after a warm-up of a tenth of the calls.
    static func measure(_ count: Int, _ body: () throws -> Void) throws -> Double {
        for _ in 0..<Swift.max(1, count / 10) { try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { try body() }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count) / 1000
    }
}
