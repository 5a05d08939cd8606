import ArgumentParser
import Dump
import Foundation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describes an RTP dump: participants, tracks, loss, keyframes, damage.")

    @Argument(help: "The dump (.rtpd).")
    var dump: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try DumpArgument.check(dump)
        let reader: DumpFileReader
        do { reader = try DumpFileReader(path: dump) } catch { throw CLIError("\(error)") }
        var inspector = DumpInspector(path: dump)
        var readError: String?
        do {
            while let item = try reader.next() { inspector.consume(item) }
        } catch {
            readError = "\(error)"
        }
        var report = inspector.finish()
        report.error = readError
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
        if let readError { throw CLIError("\(dump): \(readError)") }
    }
}
