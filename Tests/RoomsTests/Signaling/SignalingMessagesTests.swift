import Foundation
import Testing
@testable import Rooms

/// The room's wire messages: each parses to one typed value and writes back to the same value.
@Suite struct SignalingMessagesTests {
    struct MemberCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: MemberMessage
        var testDescription: String { String(text.prefix(50)) }
    }

    static let memberCases: [MemberCase] = [
        .init(text: #"{"type":"offer","to":"b","sdp":"v=0\r\n"}"#, expected: .offer(to: "b", sdp: "v=0\r\n")),
        .init(text: #"{"type":"answer","to":"b","sdp":"v=0","from":"forged","extra":[1]}"#, expected: .answer(to: "b", sdp: "v=0")),
        .init(text: #"{"type":"candidate","to":"b","candidate":{"candidate":"candidate:1 1 udp 1 10.0.0.1 5000 typ host","sdpMid":"0","sdpMLineIndex":0}}"#,
              expected: .candidate(to: "b", candidate: .init(candidate: "candidate:1 1 udp 1 10.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0))),
        .init(text: #"{"type":"candidate","to":"b","candidate":"candidate:1 1 udp 1 10.0.0.1 5000 typ host"}"#,
              expected: .candidate(to: "b", candidate: .init(candidate: "candidate:1 1 udp 1 10.0.0.1 5000 typ host"))),
        .init(text: #"{"type":"candidate","to":"b","candidate":null}"#, expected: .candidate(to: "b", candidate: nil)),
        .init(text: #"{"type":"candidate","to":"b"}"#, expected: .candidate(to: "b", candidate: nil)),
        .init(text: #"{"type":"hangup","to":"b"}"#, expected: .hangup(to: "b", reason: nil)),
        .init(text: #"{"type":"hangup","to":"b","reason":"bye"}"#, expected: .hangup(to: "b", reason: "bye")),
        .init(text: #"{"type":"chat","text":"hi / there"}"#, expected: .chat(text: "hi / there")),
        .init(text: #"{"type":"record","action":"stop"}"#, expected: .record(start: false)),
        .init(text: #"{"type":"media-state","kind":"audio","enabled":true}"#, expected: .mediaState(kind: .audio, enabled: true, track: nil)),
        .init(text: #"{"type":"media-state","kind":"video","enabled":false,"track":"cam"}"#, expected: .mediaState(kind: .video, enabled: false, track: "cam")),
        .init(text: #"{"type":"ping"}"#, expected: .ping),
    ]

    @Test(arguments: memberCases) func memberMessagesParseAndWriteBack(_ example: MemberCase) throws {
        let parsed = try MemberMessage.parse(example.text).get()
        #expect(parsed == example.expected)
        let again = try MemberMessage.parse(parsed.text).get()
        #expect(again == parsed, "written as \(parsed.text)")
    }

    @Test(arguments: [
        (#"{"type":"candidate","to":"b","candidate":7}"#, "malformed"),
        (#"{"type":"candidate","to":"b","candidate":{"sdpMid":"0"}}"#, "malformed"),
        (#"{"type":7}"#, "malformed"),
        (#"{"type":"offer","to":5,"sdp":"v=0"}"#, "malformed"),
        (#"{"type":"media-state","kind":"video","enabled":false,"track":null}"#, "malformed"),
        (#"{"type":"record"}"#, "malformed"),
        (#"{"type":"Ping"}"#, "unknown_type"),
    ]) func malformedMemberMessagesAreNamed(_ text: String, _ code: String) {
        guard case let .failure(refusal) = MemberMessage.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(refusal.code == code && !refusal.message.isEmpty)
    }

    static let peers = [SignalingPeer(id: "a", name: "Alice", participant: "alice"), SignalingPeer(id: "r", name: "rec", role: "recorder")]
    static let roomMessages: [RoomMessage] = [
        .welcome(.init(id: "b", room: "r", name: "Bob", role: "participant", mayRecord: false, peers: peers,
                       recording: .init(active: true, jobId: "j1"))),
        .welcome(.init(id: "b", room: "r", name: "Bob", role: "participant", mayRecord: true, peers: [], recording: .init(active: false))),
        .peerJoined(peers[0]),
        .peerLeft(id: "a"),
        .recording(.init(active: false, jobId: nil)),
        .relayed(.init(message: .offer(to: "b", sdp: "v=0\r\n"), from: "a", name: "Alice", participant: "alice")),
        .relayed(.init(message: .candidate(to: "b", candidate: .init(candidate: "candidate:x", sdpMid: "1", usernameFragment: "u")),
                       from: "a", name: "Alice", participant: "alice")),
        .relayed(.init(message: .candidate(to: "b", candidate: nil), from: "a", name: "Alice", participant: "alice")),
        .relayed(.init(message: .hangup(to: "b", reason: "bye"), from: "a", name: "Alice", participant: "alice")),
        .chat(from: "a", name: "Alice", text: "hello \"you\"", at: 1_700_000_000_000),
        .mediaState(from: "a", name: "Alice", participant: "alice", kind: .video, enabled: false, track: "t1"),
        .mediaState(from: "a", name: "Alice", participant: "alice", kind: .audio, enabled: true, track: nil),
        .pong,
        .error(code: "malformed", message: "a message is a JSON object"),
    ]

    @Test(arguments: roomMessages) func roomMessagesWriteAndReadBack(_ message: RoomMessage) throws {
        let parsed = try #require(RoomMessage.parse(message.text), "\(message.text) does not read back")
        #expect(parsed.text == message.text)
        #expect(parsed == message)
    }

    /// The wire form is what browsers read: fixed field names, sorted, slashes unescaped.
    @Test func theWireFormIsStable() {
        #expect(RoomMessage.peerLeft(id: "a").text == #"{"id":"a","type":"peer-left"}"#)
        #expect(RoomMessage.recording(.init(active: true, jobId: "j")).text == #"{"active":true,"jobId":"j","type":"recording"}"#)
        #expect(MemberMessage.offer(to: "b", sdp: "a=rtpmap:111 opus/48000/2").text
                == #"{"sdp":"a=rtpmap:111 opus/48000/2","to":"b","type":"offer"}"#)
        #expect(RoomMessage.relayed(.init(message: .candidate(to: "b", candidate: nil), from: "a", name: "A", participant: "a")).text
                == #"{"candidate":null,"from":"a","name":"A","participant":"a","to":"b","type":"candidate"}"#)
    }
}
