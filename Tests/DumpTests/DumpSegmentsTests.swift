import Foundation
import RTP
import Testing
@testable import Dump

/// Two segments of one recording, recorded by two nodes in turn, joined
/// into one dump on the first segment's time axis.
@Suite struct DumpSegmentsTests {
    func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("segments-\(name)-\(UUID().uuidString).rtpd").path
    }

    /// A segment: one participant with a video track (id 1) and an audio track (id 2), packets from `from` to `to` seconds.
    func segment(anchorSeconds: Int64, session: String, from: Int64, to: Int64) throws -> String {
        let file = path(session)
        let writer = try DumpWriter(path: file, header: DumpHeader(anchorWallClockMicros: anchorSeconds * 1_000_000), synchronizes: false)
        try writer.write(.session(DumpSession(id: session, room: "r", startedAtMicros: anchorSeconds * 1_000_000, source: "live")), time: 0)
        try writer.write(.event(DumpEvent(kind: .participantJoined, participantID: "camera", detail: "Camera")), time: from * 1_000_000)
        for (id, kind) in [(UInt16(1), DumpTrack.Kind.video), (2, .audio)] {
            try writer.write(.track(DumpTrack(id: id, participantID: "camera", kind: kind, codec: kind == .video ? "VP8" : "opus",
                                              clockRate: kind == .video ? 90000 : 48000, payloadType: kind == .video ? 96 : 111)), time: from * 1_000_000)
        }
        let packet = RTPPacketFields(payload: [1, 2, 3]).serialize()
        for second in from...to {
            try writer.write(.rtp(track: 1, bytes: packet[...]), time: second * 1_000_000)
            try writer.write(.rtp(track: 2, bytes: packet[...]), time: second * 1_000_000)
        }
        try writer.close()
        return file
    }

    func records(_ file: String) throws -> [(time: Int64, record: DumpRecord)] {
        let reader = try DumpFileReader(path: file)
        var out: [(Int64, DumpRecord)] = []
        while let item = try reader.next() { if case let .record(timed) = item { out.append((timed.time, timed.record)) } }
        return out
    }

    @Test func theSecondSegmentFollowsOnTheFirstsTimeAxisWithAGapBetween() throws {
        // The first node recorded 0–4 s and was lost; the second joined 10 s after the first began and recorded 1–3 s of its own axis.
        let first = try segment(anchorSeconds: 1_000, session: "a", from: 0, to: 4)
        let second = try segment(anchorSeconds: 1_010, session: "b", from: 1, to: 3)
        let joined = path("joined")
        defer { for file in [first, second, joined] { unlink(file) } }
        let summary = try DumpSegments.join([first, second], into: joined)
        #expect(summary.segments == 2 && summary.gapsMicros == [7_000_000], "\(summary)")

        let header = try DumpFileReader(path: joined)
        guard case let .header(anchor)? = try header.next() else { Issue.record("no header"); return }
        #expect(anchor.anchorWallClockMicros == 1_000_000_000)
        let all = try records(joined)
        #expect(all.filter { if case .session = $0.record { true } else { false } }.count == 1, "one session record")
        // Packets of the second segment are on track ids 3 and 4, 10 s later on the first's axis.
        let packets = all.compactMap { entry -> (Int64, UInt16)? in if case let .rtp(track, _) = entry.record { (entry.time, track) } else { nil } }
        #expect(packets.filter { $0.1 <= 2 }.map(\.0).max() == 4_000_000)
        #expect(packets.filter { $0.1 >= 3 }.map(\.0).min() == 11_000_000 && Set(packets.map(\.1)) == [1, 2, 3, 4])
        let tracks = all.compactMap { entry -> UInt16? in if case let .track(track) = entry.record { track.id } else { nil } }
        #expect(tracks == [1, 2, 3, 4])
        // Where the first segment stops, its tracks end and its participant leaves: the gap is a gap.
        let closing = all.compactMap { entry -> String? in
            guard case let .event(event) = entry.record, entry.time == 4_000_000 else { return nil }
            return "\(event.kind.rawValue) \(event.trackID.map(String.init) ?? event.participantID ?? "")"
        }
        #expect(closing == ["trackEnded 1", "trackEnded 2", "participantLeft camera"], "\(closing)")
        #expect(summary.records == all.count - 2 * closing.count, "each segment ends with its closing records")
    }

    @Test func oneSegmentIsCopiedAsItIs() throws {
        let only = try segment(anchorSeconds: 5, session: "a", from: 0, to: 2)
        let joined = path("joined")
        defer { unlink(only); unlink(joined) }
        let summary = try DumpSegments.join([only], into: joined)
        #expect(summary.segments == 1 && summary.gapsMicros.isEmpty)
        #expect(try records(joined).count == (try records(only)).count + 3, "the copy plus its closing: two tracks ended, one participant left")
    }

    @Test func aSegmentThatIsNotADumpIsRefused() throws {
        let first = try segment(anchorSeconds: 5, session: "a", from: 0, to: 1)
        let garbage = path("garbage")
        defer { unlink(first); unlink(garbage) }
        #expect(FileManager.default.createFile(atPath: garbage, contents: Data("not a dump".utf8)))
        #expect(throws: (any Error).self) { try DumpSegments.join([first, garbage], into: path("joined")) }
        #expect(throws: (any Error).self) { try DumpSegments.join([], into: path("joined")) }
    }
}
