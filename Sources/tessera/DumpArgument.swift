import Dump
import Foundation

/// Checks that a command's dump argument is one, before any work starts:
/// a missing file, a rendered MP4/WebM or a capture still to import each get
/// a sentence saying what a dump is and where the service keeps it.
enum DumpArgument {
    static let whereDumpsAre = "tessera serve keeps each recording's dump as DATA-DIR/recordings/ID/session.rtpd "
        + "(GET /v1/recordings/ID/files/session.rtpd)"

    static func check(_ path: String) throws(CLIError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(path): no such file. Give an RTP dump (.rtpd); \(whereDumpsAre)")
        }
        if isDirectory.boolValue {
            throw CLIError("\(path) is a directory. Give an RTP dump (.rtpd) file; \(whereDumpsAre)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("\(path): cannot be read (permissions?)") }
        let head = [UInt8](handle.readData(ofLength: 12))
        try? handle.close()
        guard !head.starts(with: DumpFormat.magic) else { return }
        throw CLIError("\(path) is not an RTP dump (.rtpd)\(kind(head)). \(whereDumpsAre)")
    }

    /// What the file is instead, when it is something tessera knows.
    static func kind(_ head: [UInt8]) -> String {
        if head.count >= 8, Array(head[4..<8]) == Array("ftyp".utf8) {
            return ": it is an MP4 file, already rendered; render works from the dump the recording kept"
        }
        if head.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { return ": it is a WebM file, already rendered; render works from the dump the recording kept" }
        if head.starts(with: [0xD4, 0xC3, 0xB2, 0xA1]) || head.starts(with: [0xA1, 0xB2, 0xC3, 0xD4]) || head.starts(with: [0x0A, 0x0D, 0x0D, 0x0A]) {
            return ": it is a packet capture; make a dump of it with tessera import pcap"
        }
        if head.starts(with: Array("MJR0000".utf8)) || head.starts(with: Array("MEETECHO".utf8)) {
            return ": it is a Janus recording; make a dump of it with tessera import mjr"
        }
        if head.isEmpty { return ": the file is empty" }
        return ""
    }
}
