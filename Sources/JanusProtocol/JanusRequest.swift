import Foundation

/// A request to the Janus API (the JSON a client POSTs to `/janus`,
/// `/janus/{session}` or `/janus/{session}/{handle}`). Every request names
/// a fresh transaction; the transport adds the token when the server uses token auth.
public struct JanusRequest: Encodable, Equatable, Sendable {
    public var janus: String
    public var transaction = JanusRequest.newTransaction()
    /// Set by the transport, which knows the server's token.
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

    public static func create() -> Self { Self(janus: "create") }
    public static func attach() -> Self { Self(janus: "attach", plugin: videoRoomPlugin) }
    public static func keepalive() -> Self { Self(janus: "keepalive") }
    public static func detach() -> Self { Self(janus: "detach") }
    public static func destroy() -> Self { Self(janus: "destroy") }

    /// Joins as a publisher that never publishes: the handle is told of
    /// every publisher that comes and goes (`publishers`, `unpublished`, `leaving`).
    public static func watch(room: JanusID, pin: String?, display: String) -> Self {
        message(VideoRoomRequest(request: "join", ptype: "publisher", room: room, pin: pin, display: display))
    }

    /// Subscribes to all of one feed's streams; Janus answers with an offer.
    public static func subscribe(room: JanusID, pin: String?, feed: JanusID) -> Self {
        message(VideoRoomRequest(request: "join", ptype: "subscriber", room: room, pin: pin, streams: [.init(feed: feed)]))
    }

    /// Our answer to the subscriber offer (or to a renegotiation of it).
    public static func start(answer sdp: String) -> Self {
        var request = message(VideoRoomRequest(request: "start"))
        request.jsep = JanusMessage.JSEP(type: "answer", sdp: sdp)
        return request
    }

    public static func leave() -> Self { message(VideoRoomRequest(request: "leave")) }

    private static func message(_ body: VideoRoomRequest) -> Self { Self(janus: "message", body: body) }

    /// A fresh transaction id (Janus echoes it in the answer and the events it causes).
    public static func newTransaction() -> String {
        String((0..<12).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
    }

    /// The request with the server's token, and (for the WebSocket
    /// transport) addressed to a session and handle in its body.
    public func authorized(_ token: String?, session: UInt64? = nil, handle: UInt64? = nil) -> Self {
        var request = self
        request.token = token
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
