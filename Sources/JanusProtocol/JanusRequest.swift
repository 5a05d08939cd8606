import Foundation

/// A request to the Janus API (the JSON a client POSTs to `/janus`,
/// `/janus/{session}` or `/janus/{session}/{handle}`). Every request names
/// a transaction, and carries the token when the server uses token auth.
public struct JanusRequest: Encodable, Equatable, Sendable {
    public var janus: String
    public var transaction: String
    public var token: String?
    public var plugin: String?
    public var body: VideoRoomRequest?
    public var jsep: JanusMessage.JSEP?
    /// Over WebSocket the session and handle travel in the request (over HTTP, in its path).
    public var session_id: UInt64?
    public var handle_id: UInt64?

    /// The VideoRoom plugin's request (`body` of a `message`).
    public struct VideoRoomRequest: Encodable, Equatable, Sendable {
        public struct Stream: Encodable, Equatable, Sendable { public var feed: JanusID }
        public var request: String
        public var ptype: String?
        public var room: JanusID?
        public var pin: String?
        public var display: String?
        public var streams: [Stream]?
    }

    public static let videoRoomPlugin = "janus.plugin.videoroom"

    public static func create(_ transaction: String, token: String?) -> Self { Self(janus: "create", transaction: transaction, token: token) }
    public static func attach(_ transaction: String, token: String?) -> Self {
        Self(janus: "attach", transaction: transaction, token: token, plugin: videoRoomPlugin)
    }
    public static func keepalive(_ transaction: String, token: String?) -> Self { Self(janus: "keepalive", transaction: transaction, token: token) }
    public static func detach(_ transaction: String, token: String?) -> Self { Self(janus: "detach", transaction: transaction, token: token) }
    public static func destroy(_ transaction: String, token: String?) -> Self { Self(janus: "destroy", transaction: transaction, token: token) }

    /// Joins as a publisher that never publishes: the handle is told of
    /// every publisher that comes and goes (`publishers`, `unpublished`, `leaving`).
    public static func watch(room: JanusID, pin: String?, display: String, _ transaction: String, token: String?) -> Self {
        message(VideoRoomRequest(request: "join", ptype: "publisher", room: room, pin: pin, display: display), transaction, token: token)
    }

    /// Subscribes to all of one feed's streams; Janus answers with an offer.
    public static func subscribe(room: JanusID, pin: String?, feed: JanusID, _ transaction: String, token: String?) -> Self {
        message(VideoRoomRequest(request: "join", ptype: "subscriber", room: room, pin: pin, streams: [.init(feed: feed)]), transaction, token: token)
    }

    /// Our answer to the subscriber offer (or to a renegotiation of it).
    public static func start(answer sdp: String, _ transaction: String, token: String?) -> Self {
        var request = message(VideoRoomRequest(request: "start"), transaction, token: token)
        request.jsep = JanusMessage.JSEP(type: "answer", sdp: sdp)
        return request
    }

    public static func leave(_ transaction: String, token: String?) -> Self { message(VideoRoomRequest(request: "leave"), transaction, token: token) }

    private static func message(_ body: VideoRoomRequest, _ transaction: String, token: String?) -> Self {
        Self(janus: "message", transaction: transaction, token: token, body: body)
    }

    /// The request addressed to a session and handle in its body, as the WebSocket transport wants it.
    public func addressed(session: UInt64?, handle: UInt64?) -> Self {
        var request = self
        request.session_id = session
        request.handle_id = handle
        return request
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}
