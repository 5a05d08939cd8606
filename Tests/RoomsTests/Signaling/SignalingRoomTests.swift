import Foundation
import Testing
@testable import Rooms

/// The room's signaling decisions, driven with text and a clock.
@Suite struct SignalingRoomTests {
    static func messages(_ actions: [SignalingRoom.Action], to peer: String) -> [[String: Any]] {
        actions.compactMap { action -> [String: Any]? in
            guard case let .send(to, message) = action, to == peer else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(message.text.utf8))) as? [String: Any]
        }
    }

    static func room(limits: SignalingRoom.Limits = .init()) -> SignalingRoom {
        let room = SignalingRoom(name: "r", limits: limits)
        _ = room.connect(SignalingPeer(id: "a", name: "Alice", mayRecord: true), now: 0)
        _ = room.connect(SignalingPeer(id: "b", name: "Bob"), now: 0)
        return room
    }

    @Test func joiningGetsWelcomeAndOthersHearOfIt() {
        let room = SignalingRoom(name: "r")
        _ = room.connect(SignalingPeer(id: "a", name: "Alice"), now: 0)
        let actions = room.connect(SignalingPeer(id: "b", name: "Bob"), now: 0)
        let welcome = Self.messages(actions, to: "b").first
        #expect(welcome?["type"] as? String == "welcome" && welcome?["id"] as? String == "b")
        #expect((welcome?["peers"] as? [[String: Any]])?.map { $0["id"] as? String } == ["a"])
        #expect(Self.messages(actions, to: "a").first?["type"] as? String == "peer-joined")
        let left = room.disconnect("a")
        #expect(Self.messages(left, to: "b").first?["type"] as? String == "peer-left" && room.members.map(\.id) == ["b"])
    }

    @Test func offersGoToTheNamedPeerWithTheSenderSetByTheRoom() {
        let room = Self.room()
        let actions = room.receive(#"{"type":"offer","to":"b","from":"someone-else","sdp":"v=0\r\n"}"#, from: "a", now: 1)
        #expect(actions.count == 1)
        let relayed = Self.messages(actions, to: "b").first
        #expect(relayed?["from"] as? String == "a" && relayed?["name"] as? String == "Alice" && relayed?["sdp"] as? String == "v=0\r\n")
    }

    /// A camera turned off is heard by everyone else, with who and which track.
    @Test func mediaStateGoesToEveryoneElse() {
        let room = Self.room()
        let actions = room.receive(#"{"type":"media-state","kind":"video","enabled":false,"track":"cam-1","from":"forged"}"#, from: "a", now: 1)
        #expect(Self.messages(actions, to: "a").isEmpty && actions.count == 1)
        let state = Self.messages(actions, to: "b").first
        #expect(state?["type"] as? String == "media-state" && state?["from"] as? String == "a" && state?["name"] as? String == "Alice"
                && state?["kind"] as? String == "video" && state?["enabled"] as? Bool == false && state?["track"] as? String == "cam-1")
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var text: String
        var code: String
        var testDescription: String { code + ": " + text.prefix(40) }
    }

    static let refusals: [Refusal] = [
        Refusal(text: "{", code: "malformed"),
        Refusal(text: "[1,2]", code: "malformed"),
        Refusal(text: #"{"to":"b"}"#, code: "malformed"),
        Refusal(text: #"{"type":"offer","sdp":"v=0"}"#, code: "malformed"),
        Refusal(text: #"{"type":"offer","to":"b","sdp":"hello"}"#, code: "malformed"),
        Refusal(text: #"{"type":"answer","to":"zz","sdp":"v=0"}"#, code: "unknown_peer"),
        Refusal(text: #"{"type":"candidate","to":"b2"}"#, code: "unknown_peer"),
        Refusal(text: #"{"type":"candidate","to":"b2"}"#, code: "unknown_peer"),
        Refusal(text: #"{"type":"chat","text":""}"#, code: "malformed"),
        Refusal(text: #"{"type":"record","action":"pause"}"#, code: "malformed"),
        Refusal(text: #"{"type":"dance"}"#, code: "unknown_type"),
        Refusal(text: #"{"type":"media-state","kind":"screen","enabled":false}"#, code: "malformed"),
        Refusal(text: #"{"type":"media-state","kind":"video","enabled":"no"}"#, code: "malformed"),
        Refusal(text: #"{"type":"media-state","kind":"video","enabled":false,"track":""}"#, code: "malformed"),
        Refusal(text: #"{"type":"chat","text":"\#(String(repeating: "x", count: 70_000))"}"#, code: "too_large"),
    ]

    @Test(arguments: refusals)
    func badMessagesGetAnErrorAndChangeNothing(_ refusal: Refusal) {
        let room = Self.room()
        let actions = room.receive(refusal.text, from: "a", now: 1)
        #expect(actions.count == 1)
        let error = Self.messages(actions, to: "a").first
        #expect(error?["type"] as? String == "error" && error?["code"] as? String == refusal.code, "\(String(describing: error))")
        #expect(room.members.count == 2 && room.refusedMessages == 1)
    }

    @Test func recordRequestsAreLimitedPerRoom() {
        let room = Self.room()
        #expect(room.receive(#"{"type":"record","action":"start"}"#, from: "a", now: 1_000_000) == [.recordingRequested(start: true, by: "a")])
        let again = room.receive(#"{"type":"record","action":"stop"}"#, from: "a", now: 1_500_000)
        #expect(Self.messages(again, to: "a").first?["code"] as? String == "rate_limited")
        #expect(room.receive(#"{"type":"record","action":"stop"}"#, from: "a", now: 3_100_000) == [.recordingRequested(start: false, by: "a")])
    }

    @Test func onlyTokensThatMayRecordAskForRecordings() {
        let room = Self.room()
        #expect(room.receive(#"{"type":"record","action":"start"}"#, from: "a", now: 1) == [.recordingRequested(start: true, by: "a")])
        #expect(Self.messages(room.receive(#"{"type":"record","action":"start"}"#, from: "b", now: 1), to: "b").first?["code"] as? String == "forbidden")
        let told = room.setRecording(active: true, jobID: "j1")
        #expect(told.count == 2 && Self.messages(told, to: "b").first?["active"] as? Bool == true)
        #expect(room.setRecording(active: true, jobID: "j1").isEmpty, "no news, no message")
    }

    /// A flood is refused with few errors, then closed; the others are untouched, and a calm sender recovers.
    @Test func aFloodIsLimitedThenClosed() {
        var limits = SignalingRoom.Limits()
        limits.burst = 10
        limits.messagesPerSecond = 5
        limits.refusalsBeforeClose = 100
        let room = Self.room(limits: limits)
        var errors = 0, closed = false
        for index in 0..<200 {
            for action in room.receive(#"{"type":"ping"}"#, from: "a", now: Int64(index)) {
                if case let .send(_, message) = action, message.text.contains("rate_limited") { errors += 1 }
                if case .close(peer: "a", code: 1008, _) = action { closed = true }
            }
        }
        #expect(closed && errors <= 3, "\(errors) rate errors")
        #expect(room.receive(#"{"type":"ping"}"#, from: "a", now: 5_000_000).isEmpty, "a member told to go is not answered again")
        #expect(Self.messages(room.receive(#"{"type":"ping"}"#, from: "b", now: 300), to: "b").first?["type"] as? String == "pong")
        // A sender that waits gets its tokens back.
        let later = Self.room(limits: limits)
        for index in 0..<10 { _ = later.receive(#"{"type":"ping"}"#, from: "a", now: Int64(index)) }
        #expect(Self.messages(later.receive(#"{"type":"ping"}"#, from: "a", now: 10), to: "a").first?["code"] as? String == "rate_limited")
        #expect(Self.messages(later.receive(#"{"type":"ping"}"#, from: "a", now: 1_000_000), to: "a").first?["type"] as? String == "pong")
    }
}
