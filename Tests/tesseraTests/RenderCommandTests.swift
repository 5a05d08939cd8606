import Foundation
import Testing

/// The `tessera render` command as a user runs it: exit status, progress
/// lines, summary, and no file left behind on failure.
@Suite struct RenderCommandTests {
    static var executable: URL {
        // The test bundle sits next to the tessera executable in the build folder.
        Bundle.main.bundleURL.appendingPathComponent("tessera")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func rendersWithProgressAndAJSONSummary() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path), "\(Self.executable.path)")
        let (dump, _) = try RenderInteropTests.importCapture("avsync.pcap", names: ["kim"])
        let output = Fixtures.temporaryPath("cli-\(UUID().uuidString).webm")
        let result = try Self.run(["render", dump, "-o", output, "--size", "320x240", "--fps", "15", "--video-codec", "vp9",
                                   "--layout", RenderInteropTests.layoutsDirectory + "/presenter.json", "--json"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("render: 100%"))
        let last = result.err.components(separatedBy: CharacterSet(charactersIn: "\r\n")).last { $0.contains("render: 100%") } ?? ""
        #expect(!last.isEmpty && !last.contains("(0.0 s of output)"), "the last progress line gives the real duration: \(last)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect((summary["framesWritten"] as? Int ?? 0) >= 44)
        let probe = try MediaProbe.probe(output)
        #expect(probe.video?.codec_name == "vp9" && probe.video?.width == 320 && probe.audio?.codec_name == "opus")
    }

    @Test(arguments: [
        (["--size", "640x481"], "--size 640x481"),
        (["--fps", "0"], "--fps 0"),
        (["--video-bitrate", "fast"], "--video-bitrate fast"),
        (["--layout", "no-such-layout"], "no layout named no-such-layout"),
        (["--video-gap", "grey"], "--video-gap grey"),
        (["--from", "5", "--to", "2"], "--to must be after --from"),
    ])
    func badOptionsFailWithAReason(options: [String], message: String) throws {
        let output = Fixtures.temporaryPath("bad-\(UUID().uuidString).mp4")
        let result = try Self.run(["render", "/nonexistent.rtpd", "-o", output] + options)
        #expect(result.status != 0)
        #expect(result.err.contains(message), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func missingDumpAndWrongExtensionAreRefused() throws {
        let missing = try Self.run(["render", "/nonexistent.rtpd", "-o", Fixtures.temporaryPath("x.mp4")])
        #expect(missing.status != 0 && missing.err.contains("/nonexistent.rtpd"))
        let avi = try Self.run(["render", "/nonexistent.rtpd", "-o", Fixtures.temporaryPath("x.avi")])
        #expect(avi.status != 0 && avi.err.contains(".mp4 or .webm"))
    }
}

extension RenderCommandTests {
    @Test func stereoOutputCanBeAskedFor() throws {
        let (dump, _) = try RenderInteropTests.importCapture("avsync.pcap", names: ["kim"])
        let output = Fixtures.temporaryPath("stereo-\(UUID().uuidString).mp4")
        let result = try Self.run(["render", dump, "-o", output, "--size", "320x240", "--audio-channels", "2"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("(stereo)"))
        #expect(try MediaProbe.probe(output).audio?.channels == 2)
        let bad = try Self.run(["render", dump, "-o", output, "--audio-channels", "5"])
        #expect(bad.status != 0 && bad.err.contains("--audio-channels 5"))
    }
}
