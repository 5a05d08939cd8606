import Foundation
import JanusProtocol
import Testing
@testable import APIModel

/// What `POST /v1/recordings` and `/v1/renders` accept, with their defaults, and what they refuse and why.
@Suite struct RequestValidationTests {
    static func recording(_ json: String) throws -> RecordingRequest {
        try JSONDecoder().decode(RecordingRequest.self, from: Data(json.utf8))
    }

    @Test func defaultsAreFilledIn() throws {
        let valid = try Self.recording(#"{"room": "r"}"#).validated()
        #expect(valid.layout == "grid" && valid.liveComposite == true && valid.source == .whip && valid.request.source?.type == "whip")
        #expect(valid.output.request == OutputRequest(format: "mp4", width: 1280, height: 720, fps: 30, videoBitrate: 2_500_000,
                                              preset: "veryfast", audioBitrate: 128_000))
        let pull = try Self.recording(#"{"room": "r", "source": {"type": "whep", "url": "https://sfu.example/whep/1", "token": "t0k"}}"#).validated()
        #expect(pull.request.source == RecordingRequest.Source(type: "whep", url: "https://sfu.example/whep/1", token: "t0k"))
        // Janus room ids keep their JSON type: a number, or a string where Janus uses string_ids.
        let janus = try Self.recording(#"{"room": "r", "source": {"type": "janus", "url": "http://janus:8088/janus", "room": 1234, "pin": "p"}}"#).validated()
        #expect(janus.request.source == RecordingRequest.Source(type: "janus", url: "http://janus:8088/janus", room: .number(1234), pin: "p"))
        let named = try Self.recording(#"{"room": "r", "source": {"type": "janus", "url": "http://janus/janus", "room": "lobby"}}"#).validated()
        #expect(named.request.source?.room == .string("lobby"))
        let socket = try Self.recording(#"{"room": "r", "source": {"type": "janus", "url": "wss://janus.example:8989", "room": 1}}"#).validated()
        #expect(socket.request.source?.url == "wss://janus.example:8989", "Janus' WebSocket transport")
        let stored = try Self.recording(String(decoding: try JSONEncoder().encode(janus.request), as: UTF8.self))
        #expect(stored.source?.room == .number(1234), "stored and read back (recovery reads the stored request)")
    }

    @Test(arguments: [
        (#"{"room": ""}"#, "room"),
        (#"{"room": "a/b"}"#, "room"),
        (#"{"room": "r", "source": {"type": "sip"}}"#, "source.type"),
        (#"{"room": "r", "source": {"type": "whep"}}"#, "source.url"),
        (#"{"room": "r", "source": {"type": "whep", "url": "file:///etc/passwd"}}"#, "source.url"),
        (#"{"room": "r", "source": {"type": "whep", "url": "http://h/w", "token": ""}}"#, "source.token"),
        (#"{"room": "r", "source": {"type": "whep", "url": "http://h/w", "token": "a b"}}"#, "source.token"),
        (#"{"room": "r", "source": {"type": "whep", "url": "http://h/w", "name": ""}}"#, "source.name"),
        (#"{"room": "r", "source": {"type": "whip", "url": "http://h/w"}}"#, "source.url"),
        (#"{"room": "r", "source": {"type": "room", "room": 1}}"#, "source.url, token, name, room and pin"),
        (#"{"room": "r", "source": {"type": "whep", "url": "http://h/w", "room": 1}}"#, "source.room"),
        (#"{"room": "r", "source": {"type": "janus", "url": "http://h/janus"}}"#, "source.room"),
        (#"{"room": "r", "source": {"type": "janus", "url": "http://h/janus", "room": ""}}"#, "source.room"),
        (#"{"room": "r", "source": {"type": "janus", "room": 1}}"#, "source.url"),
        (#"{"room": "r", "source": {"type": "janus", "url": "ftp://h/janus", "room": 1}}"#, "source.url"),
        (#"{"room": "r", "source": {"type": "whep", "url": "ws://h/whep"}}"#, "source.url"),
        (#"{"room": "r", "source": {"type": "janus", "url": "http://h/janus", "room": 1, "pin": ""}}"#, "source.pin"),
        (#"{"room": "r", "source": {"type": "janus", "url": "http://h/janus", "room": 1, "name": "n"}}"#, "source.name"),
        (#"{"room": "r", "source": {"type": "janus", "url": "http://h/janus", "room": 1, "token": "a b"}}"#, "source.token"),
        (#"{"room": "r", "layout": "../x"}"#, "layout"),
        (#"{"room": "r", "output": {"width": 641}}"#, "width"),
        (#"{"room": "r", "output": {"height": 8}}"#, "height"),
        (#"{"room": "r", "output": {"fps": 0}}"#, "fps"),
        (#"{"room": "r", "output": {"videoBitrate": 10}}"#, "videoBitrate"),
        (#"{"room": "r", "output": {"audioBitrate": 10000000}}"#, "audioBitrate"),
        (#"{"room": "r", "output": {"preset": "placebo"}}"#, "preset"),
        (#"{"room": "r", "limits": {"maxDurationSeconds": 0}}"#, "maxDurationSeconds"),
        (#"{"room": "r", "limits": {"maxBytes": 0}}"#, "maxBytes"),
        (#"{"room": "r", "webhookUrl": "http://"}"#, "webhookUrl"),
        (#"{"room": "r", "webhookUrl": "https://exämple.com/"}"#, "webhookUrl"),
        (#"{"room": "r", "webhookUrl": "javascript:alert(1)"}"#, "webhookUrl"),
    ])
    func refusals(json: String, mentions: String) throws {
        let request = try Self.recording(json)
        do {
            _ = try request.validated()
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.status == 400 && error.message.contains(mentions), "\(json): \(error.message)")
        }
    }

    @Test(arguments: [
        (#"{}"#, false), (#"{"recordingId": "a", "uploadId": "b"}"#, false), (#"{"recordingId": "a"}"#, true),
        (#"{"uploadId": "a", "from": 5}"#, true), (#"{"uploadId": "a", "from": -1}"#, false), (#"{"uploadId": "a", "to": 0}"#, false),
    ])
    func renders(json: String, valid: Bool) throws {
        let request = try JSONDecoder().decode(RenderRequest.self, from: Data(json.utf8))
        let accepted = (try? request.validated()) != nil
        #expect(accepted == valid, "\(json)")
    }

    @Test func aSpanMustGoForward() throws {
        let request = try JSONDecoder().decode(RenderRequest.self, from: Data(#"{"recordingId": "a", "from": 10, "to": 5}"#.utf8))
        #expect(throws: ServiceError.self) { try request.validated().validateSpan() }
    }
}

@Suite struct RoomTokenRequestTests {
    @Test func defaultsAndTrimming() throws {
        let valid = try RoomTokenRequest(name: "  Ada  ").validated()
        #expect(valid == RoomTokenRequest(name: "Ada", mayRecord: false, ttlSeconds: 3600))
    }

    @Test(arguments: [
        (RoomTokenRequest(name: ""), "name"),
        (RoomTokenRequest(name: "   "), "name"),
        (RoomTokenRequest(name: "a\u{7}b"), "name"),
        (RoomTokenRequest(name: String(repeating: "n", count: 65)), "name"),
        (RoomTokenRequest(name: "Ada", ttlSeconds: 59), "ttlSeconds"),
        (RoomTokenRequest(name: "Ada", ttlSeconds: 86_401), "ttlSeconds"),
    ])
    func refusals(request: RoomTokenRequest, mentions: String) {
        #expect { _ = try request.validated() } throws: { "\($0)".contains(mentions) }
    }
}

/// Render ranges become integer microseconds: anything past a day, negative
/// or not finite is refused before a job exists.
@Suite struct RenderRangeValidationTests {
    @Test(arguments: [(1e13, 2e13), (0, 86_401), (-1, 10), (Double.nan, 10), (0, Double.infinity), (86_401, nil)] as [(Double, Double?)])
    func rangesOutsideADayAreRefused(from: Double, to: Double?) {
        #expect(throws: ServiceError.self) { _ = try RenderRequest(uploadId: "u1", from: from, to: to).validated() }
    }

    @Test func aRangeWithinADayIsTaken() throws {
        let request = try RenderRequest(uploadId: "u1", from: 10, to: 86_400).validated()
        #expect(request.from == 10 && request.to == 86_400)
    }

    @Test func renderMetadataIsBoundedLikeARecordingsMetadata() {
        let metadata = Dictionary(uniqueKeysWithValues: (0..<65).map { ("k\($0)", "v") })
        #expect(throws: ServiceError.self) { _ = try RenderRequest(uploadId: "u1", metadata: metadata).validated() }
    }
}
