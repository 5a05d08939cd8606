import Dump
import Foundation
import RTP
import SDP

/// libFuzzer entry: the importers' whole `run` on hostile input: a Janus
/// .mjr (as one file, and as two files of one participant) and a pcap with
/// an SDP, each written to a dump that must then parse back record by record.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let output = NSTemporaryDirectory() + "fuzz-import-\(getpid()).rtpd"
    defer { try? FileManager.default.removeItem(atPath: output) }

    let half = bytes.count / 2
    let mjrFiles: [[MJRImporter.Input]] = [
        [.init(name: "alice-video.mjr", bytes: bytes)],
        [.init(name: "bob-audio.mjr", bytes: Array(bytes[..<half])), .init(name: "bob-video.mjr", bytes: Array(bytes[half...]))],
    ]
    for files in mjrFiles {
        if (try? MJRImporter().run(files: files, outputPath: output, sessionID: "fuzz")) != nil { readBack(output) }
    }

    let sdp = """
    v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 111\r\nc=IN IP4 127.0.0.1\r\na=rtpmap:111 opus/48000/2\r\n\
    m=video 5006 RTP/AVP 96\r\nc=IN IP4 127.0.0.1\r\na=rtpmap:96 VP8/90000\r\n
    """
    if let description = try? SessionDescription.parse(sdp),
       let importer = try? PcapImporter(participants: [ImportParticipant(id: "p", description: description)]),
       (try? importer.run(capture: bytes, outputPath: output, sessionID: "fuzz")) != nil {
        readBack(output)
    }
    // The SDP of a pcap import is an upload too: hostile text as the description.
    if let description = try? SessionDescription.parse(String(decoding: bytes, as: UTF8.self)),
       let importer = try? PcapImporter(participants: [ImportParticipant(id: "p", description: description)]) {
        _ = try? importer.run(capture: [], outputPath: output, sessionID: "fuzz")
    }
    return 0
}

/// What an importer wrote is a dump tessera reads: every record parses.
func readBack(_ path: String) {
    guard let written = FileManager.default.contents(atPath: path) else { fatalError("an import that succeeded left no dump") }
    var parser = DumpParser()
    parser.append(Array(written))
    parser.finish()
    while true {
        do {
            guard let item = try parser.next() else { break }
            if case .skipped = item { fatalError("an importer wrote a damaged record") }
        } catch {
            fatalError("an importer wrote a dump that does not parse: \(error)")
        }
    }
}
