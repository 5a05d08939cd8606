import Dump
import Foundation
import Logging
import RTP
import SDP
import Testing
@testable import Rooms
@testable import WebRTC

/// The room's dump as the recorder writes it from a connection's outputs:
/// session first, the participant, each track before its packets, RTX
/// learned later as a new track record, and the leave with its reason.
@Suite struct RoomRecorderTests {
    static func read(_ path: String) throws -> [TimedDumpRecord] {
        let reader = try DumpFileReader(path: path)
        var records: [TimedDumpRecord] = []
        while let item = try reader.next() { if case let .record(record) = item { records.append(record) } }
        return records
    }

    @Test func writesWhatAPublishersConnectionProduces() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("room-\(UUID().uuidString).rtpd").path
        defer { unlink(path) }
        let room = Room(name: "r1")
        let recorder = try RoomRecorder(room: "r1", dumpPath: path, sessionID: "s1", origin: 1_000_000, flushIntervalMicros: 50_000,
                                        logger: Logger(label: "test"))
        let emptied = UnsafeFlag()
        room.onEmpty = { _ in emptied.set() }
        room.attach(recorder, now: 1_000_000)
        room.join(ufrag: "uf", participantID: "whip-1", name: "Ada", now: 1_000_000)
        let codec = NegotiatedMedia.Codec(payloadType: 96, name: "VP8", clockRate: 90_000, retransmissionPayloadType: 97)
        var track = ConnectionTrack(index: 0, mid: "1", kind: "video", codec: codec, ssrc: 5, retransmissionSSRC: nil, name: "cam",
                                    retransmissionPayloadTypes: [97: 96], headerExtensions: [1: "urn:ietf:params:rtp-hdrext:sdes:mid"])
        let packet = RTPPacketFields(payloadType: 96, sequenceNumber: 1, ssrc: 5, payload: [1, 2, 3]).serialize()
        room.connection("uf", produced: .trackAdded(track), now: 1_100_000)
        room.connection("uf", produced: .rtp(track: 0, packet: packet), now: 1_200_000)
        room.connection("uf", produced: .rtp(track: 7, packet: packet), now: 1_200_000)  // no such track: not written
        track.retransmissionSSRC = 6
        room.connection("uf", produced: .trackUpdated(track), now: 1_300_000)
        room.connection("other", produced: .rtp(track: 0, packet: packet), now: 1_300_000)  // not a publisher here
        let summary = ConnectionSummary(statistics: .init(), nack: .init(), keyframes: 0, tracks: 1)
        room.connection("uf", produced: .closed(reason: "WHIP DELETE", summary: summary), now: 2_000_000)
        #expect(!emptied.value, "a room being recorded stays while the recording runs")
        let statistics = recorder.statistics
        #expect(statistics.mediaPackets == 1 && statistics.tracks.map(\.packets) == [1] && statistics.participants == ["whip-1": "Ada"])
        room.detach(recorder, reason: "stopped", now: 2_100_000)
        #expect(emptied.value && room.isEmpty)
        try recorder.close()

        let records = try Self.read(path)
        let kinds = records.map { record -> String in
            switch record.record {
            case .session: "session"
            case let .track(t): "track \(t.id) rtx \(t.retransmissionSSRC.map(String.init) ?? "-")"
            case let .rtp(id, _): "rtp \(id)"
            case let .rtcp(id, _): "rtcp \(id)"
            case let .event(e): "\(e.kind.rawValue) \(e.detail ?? "")"
            case .unknown: "unknown"
            }
        }
        #expect(kinds == ["session", "participantJoined Ada", "track 1 rtx -", "trackAdded ", "rtp 1", "track 1 rtx 6",
                          "trackEnded WHIP DELETE", "participantLeft WHIP DELETE"])
        #expect(records.map(\.time) == [0, 0, 100_000, 100_000, 200_000, 300_000, 1_000_000, 1_000_000])
        guard case let .track(written) = records[2].record else { return }
        #expect(written.participantID == "whip-1" && written.participantName == "Ada" && written.trackName == "cam"
                && written.codec == "VP8" && written.retransmissionPayloadTypes == [97: 96] && written.ssrc == 5)
        guard case let .session(session) = records[0].record else { return }
        #expect(session.room == "r1" && session.source == "live")
    }
}

extension RoomRecorderTests {
    /// A recording that starts while a publisher is already sending takes
    /// its tracks (written before their next packet); one that stops lets
    /// the publisher stay in the room, unrecorded.
    @Test func aRecordingStartedLateTakesThePublishersTracks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("room-\(UUID().uuidString).rtpd").path
        defer { unlink(path) }
        let room = Room(name: "r2")
        room.join(ufrag: "uf", participantID: "whip-2", name: nil, now: 0)
        let codec = NegotiatedMedia.Codec(payloadType: 111, name: "opus", clockRate: 48_000, channels: 2)
        let track = ConnectionTrack(index: 0, mid: "0", kind: "audio", codec: codec, ssrc: 9, retransmissionSSRC: nil, name: "mic",
                                    retransmissionPayloadTypes: [:], headerExtensions: [:])
        let packet = RTPPacketFields(payloadType: 111, sequenceNumber: 1, ssrc: 9, payload: [1]).serialize()
        room.connection("uf", produced: .trackAdded(track), now: 100)
        room.connection("uf", produced: .rtp(track: 0, packet: packet), now: 200)  // nobody records yet
        let recorder = try RoomRecorder(room: "r2", dumpPath: path, sessionID: "s2", origin: 1_000, flushIntervalMicros: 50_000,
                                        logger: Logger(label: "test"))
        room.attach(recorder, now: 1_000)
        room.connection("uf", produced: .rtp(track: 0, packet: packet), now: 2_000)
        room.detach(recorder, reason: "recording stopped", now: 3_000)
        room.connection("uf", produced: .rtp(track: 0, packet: packet), now: 4_000)  // after the stop: not written
        #expect(room.publishers.count == 1 && !room.isEmpty)
        try recorder.close()
        let kinds = try Self.read(path).map { record -> String in
            switch record.record {
            case .session: "session"
            case let .track(t): "track \(t.id) \(t.codec)"
            case let .rtp(id, _): "rtp \(id)"
            case let .event(e): "\(e.kind.rawValue) \(e.detail ?? "")"
            default: "other"
            }
        }
        #expect(kinds == ["session", "participantJoined ", "track 1 opus", "trackAdded ", "rtp 1",
                          "trackEnded recording stopped", "participantLeft recording stopped"])
    }
}

/// A flag set from a @Sendable closure in a test.
final class UnsafeFlag: @unchecked Sendable {
    private(set) var value = false
    func set() { value = true }
}

/// What WHIP refuses before any connection exists.
@Suite struct WHIPValidationTests {
    @Test(arguments: [("room-1_A", true), ("", false), ("a b", false), ("ü", false), (String(repeating: "x", count: 65), false)])
    func roomNames(name: String, valid: Bool) {
        #expect(RoomDirectory.isValidRoomName(name) == valid)
    }

    static let base = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"

    @Test(arguments: [
        ("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n", "ice-ufrag"),
        ("a=ice-ufrag:ab\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n", "4–256"),
        ("a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n", "fingerprint"),
        ("a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=fingerprint:sha-1 AA\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n", "sha-256"),
    ])
    func offersWithoutWhatDTLSAndICENeedAreRefused(body: String, reason: String) throws {
        let offer = try SessionDescription.parse(Self.base + body)
        do {
            _ = try OfferDetails(offer)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test func offerDetailsReadRolesStreamsAndCandidates() throws {
        let offer = try SessionDescription.parse(Self.base + """
            a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=fingerprint:sha-256 AA\r\n\
            m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=mid:v\r\na=setup:passive\r\na=msid:s t\r\n\
            a=ssrc-group:FID 10 11\r\na=ssrc:10 cname:x\r\na=ssrc:11 cname:x\r\n\
            a=candidate:1 1 udp 5 127.0.0.1 9 typ host\r\na=candidate:2 1 udp 5 x.local 9 typ host\r\n
            """)
        let details = try OfferDetails(offer)
        #expect(details.dtlsRole == .client)
        #expect(details.declared["v"]?.retransmission == [10: 11] && details.declared["v"]?.trackName == "t")
        #expect(details.candidates.map(\.address) == [STUNAddress(ip: [127, 0, 0, 1], port: 9)])
    }
}

extension RoomRecorderTests {
    /// A camera turned off and on (said through signaling) is a muted and an
    /// unmuted event for that participant's video track, not their audio;
    /// naming another track, or a publisher not recorded, writes nothing.
    @Test func camerasTurnedOffAndOnAreEvents() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("room-\(UUID().uuidString).rtpd").path
        defer { unlink(path) }
        let room = Room(name: "r3")
        let recorder = try RoomRecorder(room: "r3", dumpPath: path, sessionID: "s3", origin: 0, flushIntervalMicros: 50_000, logger: Logger(label: "test"))
        room.attach(recorder, now: 0)
        room.join(ufrag: "uf", participantID: "p1", name: "Ada", now: 0)
        let opus = NegotiatedMedia.Codec(payloadType: 111, name: "opus", clockRate: 48_000, retransmissionPayloadType: nil)
        let vp8 = NegotiatedMedia.Codec(payloadType: 96, name: "VP8", clockRate: 90_000, retransmissionPayloadType: nil)
        room.connection("uf", produced: .trackAdded(ConnectionTrack(index: 0, mid: "0", kind: "audio", codec: opus, ssrc: 1, retransmissionSSRC: nil,
                                                                    name: "mic-1", retransmissionPayloadTypes: [:], headerExtensions: [:])), now: 10)
        room.connection("uf", produced: .trackAdded(ConnectionTrack(index: 1, mid: "1", kind: "video", codec: vp8, ssrc: 2, retransmissionSSRC: nil,
                                                                    name: "cam-1", retransmissionPayloadTypes: [:], headerExtensions: [:])), now: 10)
        room.mediaState(ufrag: "uf", kind: "video", trackName: "cam-1", muted: true, now: 1_000)
        room.mediaState(ufrag: "uf", kind: "video", trackName: "screen-1", muted: true, now: 1_500)
        room.mediaState(ufrag: "nobody", kind: "video", trackName: nil, muted: true, now: 1_500)
        room.mediaState(ufrag: "uf", kind: "video", trackName: nil, muted: false, now: 2_000)
        room.detach(recorder, reason: "stopped", now: 3_000)
        try recorder.close()
        let events = try Self.read(path).compactMap { record -> String? in
            guard case let .event(event) = record.record, event.kind == .muted || event.kind == .unmuted else { return nil }
            return "\(record.time) \(event.kind.rawValue) \(event.participantID ?? "") \(event.trackID.map(String.init) ?? "-")"
        }
        #expect(events == ["1000 muted p1 2", "2000 unmuted p1 2"])
    }
}
