import Dump
import Foundation
import SDP
import Testing

/// Captures of ffmpeg's RTP packetizer (VP8, H.264, Opus) taken by tcpdump,
/// imported and inspected: the figures must match what ffmpeg sent.
@Suite struct PcapImportInteropTests {
    static let participants = ["alice": "VP8", "bob": "H264", "carol": "VP8", "dave": "H264"]
    static let sentSeconds = 3.0

    static func importAndInspect(_ capture: String, names: [String]) throws -> (PcapImportSummary, InspectReport) {
        let participants = try names.map { name in
            ImportParticipant(id: name, description: try SessionDescription.parse(
                String(contentsOfFile: try Fixtures.path("\(name).sdp"), encoding: .utf8)))
        }
        let output = Fixtures.temporaryPath("\(capture)-\(UUID().uuidString).rtpd")
        defer { unlink(output) }
        let bytes = try #require(FileManager.default.contents(atPath: try Fixtures.path(capture)))
        let summary = try PcapImporter(participants: participants).run(capture: Array(bytes), outputPath: output, sessionID: "s")
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
        let reader = try DumpFileReader(path: output)
        var inspector = DumpInspector()
        while let item = try reader.next() { inspector.consume(item) }
        return (summary, inspector.finish())
    }

    @Test(arguments: ["four.pcap", "four.pcapng", "four-sll.pcap"])
    func fourParticipantsImportWithoutLoss(capture: String) throws {
        let (summary, report) = try Self.importAndInspect(capture, names: Self.participants.keys.sorted())
        #expect(summary.unmatchedDatagrams == 0)
        #expect(report.tracks.count == 8)
        #expect(report.participants.count == 4)
        for track in report.tracks {
            let expectedCodec = track.kind == "audio" ? "opus" : Self.participants[track.participantID]
            #expect(track.codec == expectedCodec, "track \(track.id) of \(track.participantID)")
            #expect(abs(track.durationSeconds - Self.sentSeconds) <= 0.05, "track \(track.id) lasts \(track.durationSeconds) s")
            #expect(track.lostPackets == 0)
            #expect(track.expectedPackets == track.packets)
            #expect(track.senderReports >= 1)
            if track.kind == "video" {
                #expect(track.frames == 90)
                #expect(track.droppedFrames == 0)
                #expect(track.keyframes >= 3)  // -g 30 over 90 frames
                #expect(track.resolutions.first.map { [$0.width, $0.height] } == [320, 240])
            } else {
                #expect(track.frames == track.packets)
            }
        }
        #expect(report.events["participantJoined"] == 4)
        #expect(report.events["trackEnded"] == 8)
    }

    @Test func removedPacketsAreReportedAsLossPerTrack() throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: try Fixtures.path("four-loss5.json"))))
        let removed = try #require((json as? [String: Any])?["removed"] as? [String: Int])
        let names = Self.participants.keys.sorted()
        let (_, report) = try Self.importAndInspect("four-loss5.pcap", names: names)
        // Ports per participant from their SDPs.
        for name in names {
            let sdp = try SessionDescription.parse(String(contentsOfFile: try Fixtures.path("\(name).sdp"), encoding: .utf8))
            for media in sdp.media {
                let track = try #require(report.tracks.first { $0.participantID == name && $0.kind == media.media })
                let expected = removed[String(media.port)] ?? 0
                #expect(expected > 0)
                #expect(track.lostPackets == expected, "\(name) \(media.media): lost \(track.lostPackets), removed \(expected)")
                #expect(abs(track.lossPercent - 5) < 1.5)
                if media.media == "video" { #expect(track.droppedFrames > 0) }
            }
        }
    }

    @Test func ipv6CaptureImports() throws {
        let (summary, report) = try Self.importAndInspect("ipv6.pcap", names: ["erin"])
        #expect(summary.tracks == 2)
        #expect(report.tracks.map(\.codec).sorted() == ["VP8", "opus"])
        #expect(report.tracks.allSatisfy { $0.lostPackets == 0 && $0.packets > 20 && $0.frames > 20 })
    }

    @Test func conflictingPortsAreRefused() throws {
        let sdp = try SessionDescription.parse(String(contentsOfFile: try Fixtures.path("alice.sdp"), encoding: .utf8))
        #expect(throws: PcapImportError.self) {
            try PcapImporter(participants: [.init(id: "a", description: sdp), .init(id: "b", description: sdp)])
        }
    }
}
