import ArgumentParser
import Dump
import Foundation
import SDP

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turns recordings made elsewhere into RTP dumps.",
        subcommands: [ImportPcap.self, ImportMJR.self])
}

struct ImportPcap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcap",
        abstract: "Imports a capture of plain RTP/RTCP over UDP (pcap or pcapng).",
        discussion: """
            Each --sdp describes one participant: the ports and codecs of what they sent, as \
            ffmpeg's -sdp_file writes it. The participant id is the file's name without its \
            extension, or NAME in --sdp NAME=PATH.
            """)

    @Argument(help: "The capture (pcap or pcapng; Ethernet, Linux cooked or raw IP; IPv4 or IPv6).")
    var capture: String

    @Option(name: .customLong("sdp"), help: "A participant's SDP: PATH or NAME=PATH. Repeat for each participant.")
    var sdps: [String]

    @Option(name: .shortAndLong, help: "The dump to write (.rtpd).")
    var output: String

    @Option(help: "Session id stored in the dump (default: the output file's name).")
    var sessionID: String?

    @Option(help: "Room name stored in the dump.")
    var room: String?

    @Flag(help: "Print the import summary as JSON.")
    var json = false

    func validate() throws {
        guard !sdps.isEmpty else { throw ValidationError("give at least one --sdp") }
    }

    func run() throws {
        var participants: [ImportParticipant] = []
        for argument in sdps {
            let (name, path) = Self.split(argument)
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw CLIError("cannot read SDP \(path): \(error.localizedDescription)")
            }
            let description: SessionDescription
            do { description = try SessionDescription.parse(text) } catch {
                throw CLIError("\(path): \(error)")
            }
            let sessionName = description.sessionName
            let displayName = ["", "-", "No Name"].contains(sessionName) ? name : sessionName
            participants.append(ImportParticipant(id: name, displayName: displayName, description: description))
        }
        guard let bytes = FileManager.default.contents(atPath: capture) else { throw CLIError("cannot read \(capture)") }
        let started = Date()
        let importer = try PcapImporter(participants: participants)
        let id = sessionID ?? URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
        let summary: PcapImportSummary
        do { summary = try importer.run(capture: Array(bytes), outputPath: output, sessionID: id, room: room) } catch {
            throw CLIError("\(capture): \(error)")
        }
        let elapsed = Date().timeIntervalSince(started)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print("""
                imported \(capture) → \(output) in \(String(format: "%.2f", elapsed)) s
                  \(summary.tracks) tracks, \(summary.rtpPackets) RTP and \(summary.rtcpPackets) RTCP packets, \
                \(String(format: "%.3f", summary.durationSeconds)) s of capture
                  \(summary.capturedFrames) frames read, \(summary.unmatchedDatagrams) datagrams to other ports
                """)
            for (reason, count) in summary.skippedFrames.sorted(by: { $0.key < $1.key }) {
                print("  skipped \(count) frames: \(reason)")
            }
            for (reason, count) in summary.malformedPackets.sorted(by: { $0.key < $1.key }) {
                print("  rejected \(count) packets: \(reason)")
            }
            if summary.truncatedCaptureBytes > 0 {
                print("  capture ends in a truncated record (\(summary.truncatedCaptureBytes) bytes ignored)")
            }
        }
    }

    static func split(_ argument: String) -> (name: String, path: String) {
        if let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("/") {
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
        return (URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent, argument)
    }
}

struct ImportMJR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mjr",
        abstract: "Imports Janus recordings (.mjr): each file is one stream; files named alike but for -audio/-video are one participant.",
        discussion: """
            Reads MJR00002 (with per-packet times), MJR00001 and the old headerless form. Participants keep \
            their places in time by the files' wall clocks. Data-channel recordings and codecs tessera cannot \
            render are left out and listed.
            """)

    @Argument(help: "The .mjr files.") var files: [String]
    @Option(name: .shortAndLong, help: "The dump to write (.rtpd).") var output: String
    @Option(help: "Session id stored in the dump (default: the output file's name).") var sessionID: String?
    @Option(help: "Room name stored in the dump.") var room: String?
    @Flag(help: "Print the import summary as JSON.") var json = false

    func run() throws {
        let inputs = try files.map { path -> MJRImporter.Input in
            guard let bytes = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            return MJRImporter.Input(name: (path as NSString).lastPathComponent, bytes: Array(bytes))
        }
        let started = Date()
        let id = sessionID ?? URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
        let summary: MJRImportSummary
        do { summary = try MJRImporter().run(files: inputs, outputPath: output, sessionID: id, room: room) } catch {
            throw CLIError("\(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            return
        }
        print("""
            imported \(files.count) .mjr files → \(output) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s
              \(summary.participants.count) participants (\(summary.participants.joined(separator: ", "))), \(summary.tracks) tracks, \
            \(summary.rtpPackets) RTP packets, \(String(format: "%.3f", summary.durationSeconds)) s
            """)
        for (file, reason) in summary.skippedFiles.sorted(by: { $0.key < $1.key }) { print("  left out \(file): \(reason)") }
        if summary.malformedPackets > 0 { print("  skipped \(summary.malformedPackets) packets that are not RTP") }
        if summary.truncatedBytes > 0 { print("  \(summary.truncatedBytes) bytes at the ends of files were cut short and ignored") }
    }
}

/// A failure to report to the user as one clear line, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
