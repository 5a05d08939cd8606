import Foundation
import Testing

/// What the command line says when the mistake is outside the flags: the
/// file, directory or port is named, with what to do, and no usage text.
@Suite struct CommandLineMessagesTests {
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = Fixtures.temporaryPath("cli-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let mp4Head: [UInt8] = [0, 0, 0, 0x20] + Array("ftypisom".utf8) + [UInt8](repeating: 0, count: 20)

    @Test(arguments: [
        ("movie.mp4", mp4Head, "it is an MP4 file, already rendered"),
        ("movie.webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 1, 0, 0, 0], "it is a WebM file"),
        ("call.pcap", [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0], "tessera import pcap"),
        ("alice.mjr", Array("MJR00002".utf8) + [0, 0, 0, 0], "tessera import mjr"),
        ("empty.rtpd", [], "the file is empty"),
        ("notes.txt", Array("hello, this is text".utf8), "is not an RTP dump (.rtpd)"),
    ] as [(String, [UInt8], String)])
    func renderAndInspectOfANonDumpSayWhatADumpIs(name: String, bytes: [UInt8], message: String) throws {
        let path = try Self.file(name, bytes)
        for command in [["render", path, "-o", Fixtures.temporaryPath("out-\(UUID().uuidString).mp4")], ["inspect", path]] {
            let result = try RenderCommandTests.run(command)
            #expect(result.status != 0, "\(command[0]) of \(name)")
            #expect(result.err.contains(path) && result.err.contains(message), "\(command[0]): \(result.err)")
            #expect(result.err.contains("session.rtpd"), "where the service keeps dumps: \(result.err)")
            #expect(!result.err.contains("Usage:") && !result.out.contains("participants"), "no usage text, no report: \(result.out) \(result.err)")
        }
    }

    @Test func aMissingDumpOrADirectoryIsNamed() throws {
        let missing = try RenderCommandTests.run(["inspect", "/nonexistent/session.rtpd"])
        #expect(missing.status != 0 && missing.err.contains("/nonexistent/session.rtpd: no such file"), "\(missing.err)")
        let directory = try RenderCommandTests.run(["inspect", NSTemporaryDirectory()])
        #expect(directory.status != 0 && directory.err.contains("is a directory"), "\(directory.err)")
    }

    @Test func anUnusableDataDirectoryIsNamedWithWhatToDo() throws {
        let blocker = try Self.file("blocker", [1, 2, 3])
        for (directory, message) in [(blocker + "/data", "\(blocker) is a file, not a directory"), (blocker, "it is a file, not a directory")] {
            let result = try ServerProcess.run(RenderCommandTests.executable.path,
                                               ["serve", "--public-ip", "127.0.0.1", "--http-port", "0", "--rtc-port", "0", "--data-dir", directory], timeout: 30)
            #expect(result.status != 0, "\(directory)")
            #expect(result.err.contains("the data directory \(directory) cannot be used: \(message)") && result.err.contains("--data-dir"), "\(result.err)")
            #expect(!result.err.contains("NSCocoaErrorDomain") && !result.err.contains("Usage:"), "\(result.err)")
        }
    }
}
