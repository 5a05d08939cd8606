import Foundation
import ArgumentParser

@main
struct Tessera: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tessera",
        abstract: "Records WebRTC calls into RTP dumps and composites them into one file.",
        version: "0.1.0",
        subcommands: [Import.self, Inspect.self, Render.self, Serve.self, Health.self, Benchmark.self])
}

/// Writes to standard error, where progress and diagnostics go so that
/// standard output stays clean for `--json`.
func printError(_ message: String) {
    var stream = StandardErrorStream()
    print(message, to: &stream)
}

struct StandardErrorStream: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
