import Foundation
import JanusProtocol
import Testing

/// The Janus API messages a VideoRoom subscriber reads, as Janus 1.1 writes them.
struct JanusMessageTests {
    static let parsed: [(String, JanusMessage)] = [
        (#"{"janus": "success", "transaction": "t1", "data": {"id": 8332759411558075}}"#, .success(transaction: "t1", id: 8332759411558075)),
        (#"{"janus": "ack", "session_id": 1, "transaction": "t2"}"#, .ack(transaction: "t2")),
        (#"{"janus": "error", "transaction": "t3", "error": {"code": 458, "reason": "No such session 1"}}"#,
         .error(transaction: "t3", code: 458, reason: "No such session 1")),
        (#"{"janus": "webrtcup", "session_id": 1, "sender": 77}"#, .webrtcUp(handle: 77)),
        (#"{"janus": "hangup", "session_id": 1, "sender": 77, "reason": "ICE failed"}"#, .hangup(handle: 77, reason: "ICE failed")),
        (#"{"janus": "detached", "session_id": 1, "sender": 77}"#, .detached(handle: 77)),
        (#"{"janus": "timeout", "session_id": 1}"#, .sessionTimeout),
        (#"{"janus": "keepalive"}"#, .other("keepalive")),
        (#"{"janus": "media", "sender": 77, "type": "video", "receiving": true}"#, .other("media")),
        // The watching handle's join: our feed id and the publishers already there (1.x lists streams).
        (#"{"janus": "event", "sender": 5, "transaction": "t4", "plugindata": {"plugin": "janus.plugin.videoroom", "data": {"videoroom": "joined", "room": 1234, "id": 99, "private_id": 3, "publishers": [{"id": 2133940301996874, "display": "alice", "streams": [{"type": "audio", "mindex": 0, "mid": "0", "codec": "opus"}, {"type": "video", "mindex": 1, "mid": "1", "codec": "vp8"}]}, {"id": 7, "display": "idle", "streams": [{"type": "video", "mid": "0", "disabled": true}]}]}}}"#,
         .event(handle: 5, transaction: "t4", .init(kind: "joined", id: .number(99), publishers: [
             JanusPublisher(id: .number(2133940301996874), display: "alice", hasMedia: true), JanusPublisher(id: .number(7), display: "idle", hasMedia: false),
         ]), jsep: nil)),
        // 0.x lists codecs instead of streams; string_ids rooms have string feed ids.
        (#"{"janus": "event", "sender": 5, "plugindata": {"plugin": "janus.plugin.videoroom", "data": {"videoroom": "event", "publishers": [{"id": "feed-a", "display": "bob", "video_codec": "vp8"}]}}}"#,
         .event(handle: 5, transaction: nil, .init(kind: "event", publishers: [JanusPublisher(id: .string("feed-a"), display: "bob")]), jsep: nil)),
        (#"{"janus": "event", "sender": 5, "plugindata": {"plugin": "janus.plugin.videoroom", "data": {"videoroom": "event", "room": 1234, "unpublished": 42}}}"#,
         .event(handle: 5, transaction: nil, .init(kind: "event", unpublished: .number(42)), jsep: nil)),
        (#"{"janus": "event", "sender": 5, "plugindata": {"plugin": "janus.plugin.videoroom", "data": {"videoroom": "event", "leaving": "ok"}}}"#,
         .event(handle: 5, transaction: nil, .init(kind: "event", leaving: .string("ok")), jsep: nil)),
        (#"{"janus": "event", "sender": 5, "plugindata": {"plugin": "janus.plugin.videoroom", "data": {"videoroom": "event", "error_code": 426, "error": "No such room (9999)"}}}"#,
         .event(handle: 5, transaction: nil, .init(kind: "event", errorCode: 426, error: "No such room (9999)"), jsep: nil)),
        // A subscriber handle's offer.
        (#"{"janus": "event", "sender": 6, "plugindata": {"plugin": "janus.plugin.videoroom", "data": {"videoroom": "attached", "room": 1234, "streams": []}}, "jsep": {"type": "offer", "sdp": "v=0\r\n"}}"#,
         .event(handle: 6, transaction: nil, .init(kind: "attached"), jsep: .init(type: "offer", sdp: "v=0\r\n"))),
    ]

    @Test(arguments: parsed) func parses(_ text: String, _ expected: JanusMessage) throws {
        #expect(try JanusMessage.parse(Array(text.utf8)) == [expected])
    }

    @Test func aLongPollAnswerIsAList() throws {
        let text = #"[{"janus": "keepalive"}, {"janus": "webrtcup", "sender": 3}]"#
        #expect(try JanusMessage.parse(Array(text.utf8)) == [.other("keepalive"), .webrtcUp(handle: 3)])
        #expect(try JanusMessage.parse(Array("[]".utf8)) == [])
    }

    static let malformed: [(String, String)] = [
        ("", "not JSON"),
        ("{", "not JSON"),
        ("42", "wrong type"),
        (#"{"transaction": "x"}"#, "no \"janus\""),
        (#"{"janus": 5}"#, "wrong type"),
        (#"{"janus": "error", "transaction": "x"}"#, "without \"error\""),
        (#"{"janus": "event", "plugindata": {"data": {}}}"#, "without \"sender\""),
        (#"{"janus": "event", "sender": 1}"#, "plugindata.data"),
        // Foundation on Linux calls a negative number for an unsigned field "not valid JSON".
        (#"{"janus": "event", "sender": -1, "plugindata": {"data": {}}}"#, "not a Janus API message"),
        (#"{"janus": "event", "sender": 1, "plugindata": {"data": {"publishers": [{"display": "x"}]}}}"#, "no \"id\""),
        (#"{"janus": "event", "sender": 1, "plugindata": {"data": {"publishers": [{"id": true}]}}}"#, "wrong type"),
        (#"{"janus": "hangup"}"#, "without \"sender\""),
        (#"[{"janus": "ack"}, {"janus": "webrtcup"}]"#, "without \"sender\""),
    ]

    @Test(arguments: malformed) func refusesWithAReason(_ text: String, _ reason: String) {
        #expect {
            _ = try JanusMessage.parse(Array(text.utf8))
        } throws: { error in
            guard case let .malformed(message) = error as? JanusError else { return false }
            return message.contains(reason)
        }
    }

    @Test func refusesWhatIsTooLarge() {
        let huge = [UInt8](repeating: 0x20, count: JanusMessage.maximumBytes + 1)
        #expect(throws: JanusError.self) { try JanusMessage.parse(huge) }
    }

    /// Requests carry ids in the server's own type, the token, and the answer's SDP.
    @Test func requestsAreWhatJanusExpects() throws {
        func json(_ request: JanusRequest) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: request.encoded()) as? [String: Any])
        }
        let watch = try json(JanusRequest.watch(room: .number(1234), pin: "sesame", display: "tessera recorder").authorized("tok"))
        #expect(watch["janus"] as? String == "message" && watch["token"] as? String == "tok")
        let body = try #require(watch["body"] as? [String: Any])
        #expect(body["request"] as? String == "join" && body["ptype"] as? String == "publisher" && body["room"] as? Int == 1234 && body["pin"] as? String == "sesame")
        let subscribe = try #require(try json(.subscribe(room: .string("lobby"), pin: nil, feed: .number(42)))["body"] as? [String: Any])
        #expect(subscribe["room"] as? String == "lobby" && subscribe["ptype"] as? String == "subscriber" && subscribe["pin"] == nil)
        #expect((subscribe["streams"] as? [[String: Any]])?.first?["feed"] as? Int == 42)
        let start = try json(.start(answer: "v=0\r\n"))
        #expect((start["jsep"] as? [String: Any])?["type"] as? String == "answer" && (start["body"] as? [String: Any])?["request"] as? String == "start")
        #expect(try json(.attach())["plugin"] as? String == "janus.plugin.videoroom")
    }
}
