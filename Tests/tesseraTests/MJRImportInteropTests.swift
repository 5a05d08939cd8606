import Dump
import Foundation
import Testing

/// Janus recordings (.mjr) of ffmpeg-packetized media: the packets of an
/// imported capture are written as Janus' VideoRoom writes them (one
/// MJR00002 file per stream, named `videoroom-ROOM-user-ID-TIME-KIND.mjr`),
/// then `tessera import mjr` and the service's upload turn them back into a
/// dump that renders like the capture itself.
@Suite struct MJRImportInteropTests {
    /// Writes each track of `dump` as a Janus recording; returns the paths.
    static func writeJanusRecordings(of dump: String, into directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let reader = try DumpFileReader(path: dump)
        var tracks: [UInt16: DumpTrack] = [:]
        var packets: [UInt16: [(Int64, ArraySlice<UInt8>)]] = [:]
        while let item = try reader.next() {
            guard case let .record(timed) = item else { continue }
            switch timed.record {
            case let .track(track): tracks[track.id] = track
            case let .rtp(id, bytes): packets[id, default: []].append((timed.time, bytes))
            default: break
            }
        }
        let anchor = reader.header?.anchorWallClockMicros ?? 0
        var paths: [String] = []
        for (id, track) in tracks.sorted(by: { $0.key < $1.key }) {
            guard let list = packets[id], let first = list.first?.0 else { continue }
            let kind = track.kind == .video ? "video" : "audio"
            let info = #"{"t":"\#(kind.prefix(1))","c":"\#(track.codec.lowercased())","s":\#(anchor),"u":\#(anchor + first)}"#
            var bytes = Array("MJR00002".utf8) + be16(info.utf8.count) + Array(info.utf8)
            for (time, packet) in list {
                bytes += Array("MEET".utf8) + be32(UInt32((time - first) / 1000)) + be16(packet.count) + packet
            }
            let path = "\(directory)/videoroom-1234-user-\(track.participantID)-1700000000-\(kind).mjr"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return paths
    }

    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
    static func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }

    /// Participants who come and go keep their moments: the grid at 1.5, 4
    /// and 6.5 s is the capture's, and the length matches its render.
    @Test func importedRecordingsRenderLikeTheCapture() throws {
        let (dump, order) = try RenderInteropTests.importCapture("reflow.pcap", names: ["frank", "grace", "heidi", "ivan"])
        let directory = Fixtures.temporaryPath("janus-\(UUID().uuidString)")
        let files = try Self.writeJanusRecordings(of: dump, into: directory)
        #expect(files.count == 8)
        let imported = Fixtures.temporaryPath("mjr-\(UUID().uuidString).rtpd")
        let result = try RenderCommandTests.run(["import", "mjr"] + files + ["-o", imported, "--json"])
        #expect(result.status == 0, "\(result.err)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(summary["participants"] as? [String] == ["frank", "grace", "heidi", "ivan"].map { "videoroom-1234-user-\($0)-1700000000" })
        #expect(summary["tracks"] as? Int == 8)

        let (reference, referenceSummary) = try RenderInteropTests.render(dump, to: "reflow-ref-\(UUID().uuidString).mp4")
        let (output, renderSummary) = try RenderInteropTests.render(imported, to: "reflow-mjr-\(UUID().uuidString).mp4")
        #expect(abs(renderSummary.durationSeconds - referenceSummary.durationSeconds) < 0.2,
                "from .mjr \(renderSummary.durationSeconds) s, from the capture \(referenceSummary.durationSeconds) s")
        #expect(renderSummary.tracks.allSatisfy { $0.decodeErrors == 0 })
        #expect(renderSummary.tracks.filter { $0.kind == "video" }.map(\.framesDecoded)
                == referenceSummary.tracks.filter { $0.kind == "video" }.map(\.framesDecoded))
        let early = order.filter { $0 != "heidi" }
        for (seconds, present) in [(1.5, early), (4.0, early.filter { $0 != "ivan" }), (6.5, early.filter { $0 != "ivan" } + ["heidi"])] {
            RenderInteropTests.expectTiles(try MediaProbe.picture(output, at: seconds, width: 640, height: 360), participants: present, "mjr \(seconds) s")
            RenderInteropTests.expectTiles(try MediaProbe.picture(reference, at: seconds, width: 640, height: 360), participants: present, "capture \(seconds) s")
        }
    }

    @Test func damagedAndForeignFilesAreRefusedWithTheirNames() throws {
        let directory = Fixtures.temporaryPath("janus-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let foreign = directory + "/alice-video.mjr"
        try Data("RIFF....WAVEfmt ".utf8).write(to: URL(fileURLWithPath: foreign))
        let output = Fixtures.temporaryPath("never-\(UUID().uuidString).rtpd")
        let result = try RenderCommandTests.run(["import", "mjr", foreign, "-o", output])
        #expect(result.status != 0 && result.err.contains("alice-video.mjr") && result.err.contains("not a Janus recording"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: output) && !FileManager.default.fileExists(atPath: output + ".partial"))
    }

    /// A tar of the recordings folder, uploaded, imports and renders four tiles;
    /// a lone .mjr is one participant; a tar without recordings is refused.
    @Test func uploadsOfJanusRecordings() throws {
        let (dump, _) = try RenderInteropTests.importCapture("four.pcap", names: ["alice", "bob", "carol", "dave"])
        let directory = Fixtures.temporaryPath("janus-up-\(UUID().uuidString)")
        let files = try Self.writeJanusRecordings(of: dump, into: directory)
        let archive = directory + ".tar"
        #expect(try ServerProcess.run("/usr/bin/tar", ["-cf", archive, "-C", directory, "."]).status == 0)

        let server = try ServerProcess(extraArguments: ["--api-key", ServiceInteropTests.key], autoRecord: false)
        defer { server.stop() }
        func upload(_ path: String, query: String = "") throws -> (code: Int, body: String) {
            let result = try ServerProcess.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", ServiceInteropTests.auth, "--data-binary", "@\(path)",
                                                                 "-w", "\n%{http_code}", server.base + "/v1/uploads" + query])
            let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }
        struct Uploaded: Decodable { var id: String; var kind: String; var rtpPackets: Int?; var tracks: Int? }

        let tar = try upload(archive)
        #expect(tar.code == 201, "\(tar.body)")
        let uploaded = try ServiceInteropTests.decode(Uploaded.self, tar.body)
        #expect(uploaded.kind == "rtpd" && uploaded.tracks == 8)
        let render = try ServiceInteropTests.post(server, "/v1/renders", #"{"uploadId": "\#(uploaded.id)", "output": {"width": 640, "height": 360}}"#)
        let rendered = try ServiceInteropTests.wait(server, "/v1/renders/\(try ServiceInteropTests.decode(ServiceInteropTests.Document.self, render.body).id)",
                                                    for: ["completed", "failed"])
        #expect(rendered.state == "completed", "\(String(describing: rendered.error))")
        let output = Fixtures.temporaryPath("mjr-upload-\(UUID().uuidString).mp4")
        #expect(try ServiceInteropTests.download(server.base + "/v1/renders/\(rendered.id)/files/render.mp4", to: output) == 200)
        let picture = try MediaProbe.picture(output, at: 1.5, width: 640, height: 360)
        let seen = RenderInteropTests.centers(count: 4, width: 640, height: 360).map { picture.color(x: $0.0, y: $0.1) }
        for color in ["red", "green", "blue", "yellow"] {
            #expect(seen.contains { FixtureColor.matches($0, color) }, "a \(color) tile among \(seen)")
        }

        let video = try #require(files.first { $0.hasSuffix("-video.mjr") })
        let single = try upload(video, query: "?name=" + (video as NSString).lastPathComponent)
        let singleTracks = try ServiceInteropTests.decode(Uploaded.self, single.body).tracks
        #expect(single.code == 201 && singleTracks == 1, "\(single.body)")

        let empty = directory + "-empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: empty + "/README.txt"))
        #expect(try ServerProcess.run("/usr/bin/tar", ["-cf", empty + ".tar", "-C", empty, "."]).status == 0)
        let refused = try upload(empty + ".tar")
        #expect(refused.code == 400 && refused.body.contains("no .mjr files"), "\(refused.body)")
    }
}
