import Foundation
import RTP
import Testing
@testable import Dump

/// Janus .mjr files as Janus writes them (the layout in `MJRFile`), made
/// here byte by byte: the three header forms, frame times, damage.
@Suite struct MJRFileTests {
    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
    static func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }

    static func packet(_ sequence: UInt16, timestamp: UInt32, payloadType: UInt8 = 96, ssrc: UInt32 = 7) -> [UInt8] {
        RTPPacketFields(payloadType: payloadType, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc, payload: [0x10, 0, 0, 0x9d]).serialize()
    }

    /// An MJR00002 file: info JSON, then `MEET` + ms + length + packet per frame.
    static func version2(_ info: String, frames: [(UInt32, [UInt8])]) -> [UInt8] {
        var bytes = Array("MJR00002".utf8) + be16(info.utf8.count) + Array(info.utf8)
        for (milliseconds, packet) in frames { bytes += Array("MEET".utf8) + be32(milliseconds) + be16(packet.count) + packet }
        return bytes
    }

    static func version1(_ info: String, packets: [[UInt8]]) -> [UInt8] {
        var bytes = Array("MJR00001".utf8) + be16(info.utf8.count) + Array(info.utf8)
        for packet in packets { bytes += Array("MEETECHO".utf8) + be16(packet.count) + packet }
        return bytes
    }

    static func headerless(_ word: String, packets: [[UInt8]]) -> [UInt8] {
        var bytes = Array("MEETECHO".utf8) + be16(5) + Array(word.utf8)
        for packet in packets { bytes += Array("MEETECHO".utf8) + be16(packet.count) + packet }
        return bytes
    }

    static let videoInfo = #"{"t":"v","c":"vp8","s":1700000000000000,"u":1700000000500000,"x":{"4":"urn:ietf:params:rtp-hdrext:sdes:mid"}}"#

    @Test func version2HasTimesAndInfo() throws {
        let file = try MJRFile(bytes: Self.version2(Self.videoInfo, frames: [(0, Self.packet(1, timestamp: 0)), (40, Self.packet(2, timestamp: 3600))]))
        #expect(file.version == 2 && file.kind == .video && file.codec == "vp8")
        #expect(file.createdMicros == 1_700_000_000_000_000 && file.firstFrameMicros == 1_700_000_000_500_000)
        #expect(file.headerExtensions == [4: "urn:ietf:params:rtp-hdrext:sdes:mid"])
        #expect(file.frames.map(\.milliseconds) == [0, 40] && file.frames[1].packet == Self.packet(2, timestamp: 3600))
    }

    @Test func version1AndHeaderlessHaveNoTimes() throws {
        let v1 = try MJRFile(bytes: Self.version1(#"{"t":"a","c":"opus","s":5}"#, packets: [Self.packet(1, timestamp: 960, payloadType: 111)]))
        #expect(v1.version == 1 && v1.kind == .audio && v1.codec == "opus" && v1.frames.map(\.milliseconds) == [nil])
        let old = try MJRFile(bytes: Self.headerless("video", packets: [Self.packet(1, timestamp: 0), Self.packet(2, timestamp: 3000)]))
        #expect(old.version == 0 && old.kind == .video && old.codec == "vp8" && old.frames.count == 2)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        let error: MJRError
        var testDescription: String { "\(error)" }
    }

    static let refusalCases: [Refusal] = [
        Refusal(bytes: [], error: .notMJR),
        Refusal(bytes: Array("RIFF0000\0\0".utf8), error: .notMJR),
        Refusal(bytes: Array("MJR00002".utf8) + [0, 2] + Array("[]".utf8), error: .malformed("the info header is not a JSON object")),
        Refusal(bytes: Array("MJR00002".utf8) + [0, 9] + Array(#"{"c":"x"}"#.utf8), error: .malformed("the info header has no media type (t)")),
        Refusal(bytes: Array("MEETECHO".utf8) + [0, 12] + [UInt8](repeating: 0x80, count: 12), error: .malformed("a frame before any header at byte 0")),
    ]

    @Test(arguments: refusalCases)
    func refusals(_ refusal: Refusal) {
        #expect(throws: refusal.error) { _ = try MJRFile(bytes: refusal.bytes) }
    }

    /// A file cut short keeps its whole frames; short blocks are skipped and counted.
    @Test func damageIsCountedNotFatal() throws {
        var bytes = Self.version2(Self.videoInfo, frames: [(0, Self.packet(1, timestamp: 0)), (0, [1, 2, 3]), (33, Self.packet(2, timestamp: 3000))])
        bytes += Array("MEET".utf8) + Self.be32(66) + Self.be16(200) + [1, 2, 3]  // says 200 bytes, has 3
        let file = try MJRFile(bytes: bytes)
        #expect(file.frames.count == 2 && file.skippedBlocks == 1 && file.truncatedBytes == 13)
    }

    @Test(arguments: [
        ("videoroom-1234-user-42-1700000000-audio.mjr", "videoroom-1234-user-42-1700000000"),
        ("videoroom-1234-user-42-1700000000-video.mjr", "videoroom-1234-user-42-1700000000"),
        ("rec-alice-video-0.mjr", "rec-alice"),
        ("bob_audio.mjr", "bob"),
        ("carol.mjr", "carol"),
        ("/some/dir/dave-audio.MJR", "dave"),
        ("video-audio.mjr", "video"),
        // Janus 1.1 (seen on this machine): each stream of one publisher has its own timestamp.
        ("videoroom-1234-user-4979912988980369-1795360791046971-audio-0.mjr", "videoroom-1234-user-4979912988980369"),
        ("videoroom-1234-user-4979912988980369-1795360791047036-video-1.mjr", "videoroom-1234-user-4979912988980369"),
    ])
    func participantsAreNamedByPrefix(file: String, participant: String) {
        #expect(MJRImporter.participantName(forFile: file) == participant)
    }
}

/// Two participants, each an audio and a video file, one starting 2 s after
/// the other: one dump, two participants, times from the files' clocks.
@Suite struct MJRImporterTests {
    @Test func pairsFilesAndKeepsWallClockPlaces() throws {
        let video = { (u: Int64) in #"{"t":"v","c":"vp8","s":\#(u),"u":\#(u)}"# }
        let audio = { (u: Int64) in #"{"t":"a","c":"opus","s":\#(u),"u":\#(u)}"# }
        let start: Int64 = 1_700_000_000_000_000
        func frames(_ count: Int, every ms: UInt32, step: UInt32, pt: UInt8, ssrc: UInt32) -> [(UInt32, [UInt8])] {
            (0..<count).map { (UInt32($0) * ms, MJRFileTests.packet(UInt16($0), timestamp: UInt32($0) * step, payloadType: pt, ssrc: ssrc)) }
        }
        let inputs = [
            MJRImporter.Input(name: "room-alice-video.mjr", bytes: MJRFileTests.version2(video(start), frames: frames(30, every: 33, step: 3000, pt: 96, ssrc: 1))),
            MJRImporter.Input(name: "room-alice-audio.mjr", bytes: MJRFileTests.version2(audio(start), frames: frames(50, every: 20, step: 960, pt: 111, ssrc: 2))),
            MJRImporter.Input(name: "room-bob-video.mjr", bytes: MJRFileTests.version2(video(start + 2_000_000), frames: frames(30, every: 33, step: 3000, pt: 96, ssrc: 3))),
            MJRImporter.Input(name: "room-bob-data.mjr", bytes: MJRFileTests.version2(#"{"t":"d","c":"text","s":1,"u":1}"#, frames: [(0, Array("hello".utf8))])),
            MJRImporter.Input(name: "room-bob-audio.mjr", bytes: MJRFileTests.version2(#"{"t":"a","c":"g722","s":1,"u":1}"#, frames: frames(2, every: 20, step: 160, pt: 9, ssrc: 4))),
        ]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mjr-\(UUID().uuidString).rtpd").path
        defer { unlink(path) }
        let summary = try MJRImporter().run(files: inputs, outputPath: path, sessionID: "s", room: "r")
        #expect(summary.participants == ["room-alice", "room-bob"] && summary.tracks == 3 && summary.rtpPackets == 110)
        #expect(Set(summary.skippedFiles.keys) == ["room-bob-data.mjr", "room-bob-audio.mjr"])

        let reader = try DumpFileReader(path: path)
        var tracks: [DumpTrack] = [], firstPacket: [UInt16: Int64] = [:], joins: [String: Int64] = [:]
        while let item = try reader.next() {
            guard case let .record(timed) = item else { continue }
            switch timed.record {
            case let .track(track): tracks.append(track)
            case let .rtp(id, _): if firstPacket[id] == nil { firstPacket[id] = timed.time }
            case let .event(event) where event.kind == .participantJoined: joins[event.participantID ?? ""] = timed.time
            default: break
            }
        }
        #expect(tracks.map(\.codec).sorted() == ["VP8", "VP8", "opus"])
        #expect(joins == ["room-alice": 0, "room-bob": 2_000_000], "bob joins 2 s in, by the files' clocks")
        let bobVideo = try #require(tracks.first { $0.participantID == "room-bob" })
        #expect(firstPacket[bobVideo.id] == 2_000_000 && bobVideo.ssrc == 3 && bobVideo.payloadType == 96)
    }

    @Test func nothingRenderableIsAnError() {
        let inputs = [MJRImporter.Input(name: "x-data.mjr", bytes: MJRFileTests.version2(#"{"t":"d","c":"text","s":1,"u":1}"#, frames: [(0, Array("hi".utf8))]))]
        #expect(throws: MJRImportError.self) { _ = try MJRImporter().run(files: inputs, outputPath: "/tmp/never-\(UUID().uuidString).rtpd", sessionID: "s") }
    }
}
