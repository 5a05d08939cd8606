import Foundation

/// What the Janus API sends: answers to requests and the events a session's
/// long poll returns (Janus API: `success`, `ack`, `error`, `event`,
/// `webrtcup`, `hangup`, `detached`, `timeout`, …), reduced to what a
/// VideoRoom subscriber acts on. Parsed from the server's bytes, which are
/// network input: bounded, and anything that is not one of these is a
/// `JanusError.malformed` with the reason, never a crash.
public enum JanusMessage: Equatable, Sendable {
    /// `create` and `attach` answer with the new session's or handle's id.
    case success(transaction: String?, id: UInt64?)
    /// An asynchronous request was taken; its result comes as an event.
    case ack(transaction: String?)
    case error(transaction: String?, code: Int, reason: String)
    /// A plugin event for one handle, with an SDP when Janus offers or answers.
    case event(handle: UInt64, transaction: String?, VideoRoomEvent, jsep: JSEP?)
    /// The handle's PeerConnection is up (ICE and DTLS done).
    case webrtcUp(handle: UInt64)
    /// The handle's PeerConnection went away (ICE failed, DTLS alert, the far side closed).
    case hangup(handle: UInt64, reason: String)
    case detached(handle: UInt64)
    /// The session expired for lack of keepalives.
    case sessionTimeout
    /// Everything else (`keepalive`, `media`, `slowlink`, `trickle`, …): nothing to do.
    case other(String)

    public struct JSEP: Equatable, Sendable, Codable {
        public var type: String
        public var sdp: String
        public init(type: String, sdp: String) {
            self.type = type
            self.sdp = sdp
        }
    }

    /// The VideoRoom plugin's part of an event (`plugindata.data`).
    public struct VideoRoomEvent: Equatable, Sendable {
        /// `joined`, `event`, `attached`, `updated`, `started`, `destroyed`, `talking`, …
        public var kind: String
        /// Our own feed id, in `joined`.
        public var id: JanusID?
        public var publishers: [JanusPublisher] = []
        /// A feed that stopped publishing (`"ok"` when it is our own).
        public var unpublished: JanusID?
        /// A participant that left the room (`"ok"` when it is ourselves).
        public var leaving: JanusID?
        public var errorCode: Int?
        public var error: String?

        public init(kind: String, id: JanusID? = nil, publishers: [JanusPublisher] = [], unpublished: JanusID? = nil, leaving: JanusID? = nil,
                    errorCode: Int? = nil, error: String? = nil) {
            self.kind = kind
            self.id = id
            self.publishers = publishers
            self.unpublished = unpublished
            self.leaving = leaving
            self.errorCode = errorCode
            self.error = error
        }
    }

    /// The largest message taken: an offer for a room of many publishers stays far below.
    public static let maximumBytes = 1 << 20

    /// One message, or the array a long poll with `maxev` returns.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JanusError) -> [JanusMessage] {
        guard bytes.count <= maximumBytes else { throw .malformed("a message of \(bytes.count) bytes is over the \(maximumBytes)-byte limit") }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        if let list = try? decoder.decode([Envelope].self, from: data) { return try list.map { envelope throws(JanusError) in try envelope.message() } }
        do {
            return [try decoder.decode(Envelope.self, from: data).message()]
        } catch let error as JanusError {
            throw error
        } catch {
            throw .malformed("not a Janus API message: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, _): "no \"\(key.stringValue)\""
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty:
            "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is out of range"
        case DecodingError.dataCorrupted: "not JSON"
        default: "\(error)"
        }
    }

    /// The JSON as Janus writes it; every field the kinds above do not need is optional.
    private struct Envelope: Decodable {
        struct Data: Decodable { var id: UInt64? }
        struct Failure: Decodable { var code: Int; var reason: String? }
        struct PluginData: Decodable { var plugin: String?; var data: VideoRoomData? }
        struct VideoRoomData: Decodable {
            var videoroom: String?
            var id: JanusID?
            var publishers: [JanusPublisher]?
            var unpublished: JanusID?
            var leaving: JanusID?
            var error_code: Int?
            var error: String?
        }
        var janus: String
        var transaction: String?
        var sender: UInt64?
        var data: Data?
        var error: Failure?
        var plugindata: PluginData?
        var jsep: JSEP?
        var reason: String?

        func message() throws(JanusError) -> JanusMessage {
            switch janus {
            case "success":
                return .success(transaction: transaction, id: data?.id)
            case "ack":
                return .ack(transaction: transaction)
            case "error":
                guard let error else { throw .malformed("an error without \"error\"") }
                return .error(transaction: transaction, code: error.code, reason: error.reason ?? "no reason given")
            case "event":
                guard let sender else { throw .malformed("an event without \"sender\"") }
                guard let room = plugindata?.data else { throw .malformed("an event without \"plugindata.data\"") }
                let event = VideoRoomEvent(kind: room.videoroom ?? "event", id: room.id, publishers: room.publishers ?? [],
                                           unpublished: room.unpublished, leaving: room.leaving, errorCode: room.error_code, error: room.error)
                return .event(handle: sender, transaction: transaction, event, jsep: jsep)
            case "webrtcup":
                guard let sender else { throw .malformed("webrtcup without \"sender\"") }
                return .webrtcUp(handle: sender)
            case "hangup":
                guard let sender else { throw .malformed("hangup without \"sender\"") }
                return .hangup(handle: sender, reason: reason ?? "no reason given")
            case "detached":
                guard let sender else { throw .malformed("detached without \"sender\"") }
                return .detached(handle: sender)
            case "timeout":
                return .sessionTimeout
            default:
                return .other(janus)
            }
        }
    }
}

/// A publisher in a VideoRoom, as `joined` and `event` list them.
public struct JanusPublisher: Equatable, Sendable, Decodable {
    public var id: JanusID
    public var display: String?
    /// Whether it sends anything (Janus 1.x lists `streams`; 0.x named its codecs).
    public var hasMedia: Bool

    public init(id: JanusID, display: String?, hasMedia: Bool = true) {
        self.id = id
        self.display = display
        self.hasMedia = hasMedia
    }

    private enum Keys: String, CodingKey { case id, display, streams, audio_codec, video_codec }
    private struct Stream: Decodable { var disabled: Bool? }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        id = try container.decode(JanusID.self, forKey: .id)
        display = try container.decodeIfPresent(String.self, forKey: .display)
        if let streams = try container.decodeIfPresent([Stream].self, forKey: .streams) {
            hasMedia = streams.contains { $0.disabled != true }
        } else {
            hasMedia = container.contains(.audio_codec) || container.contains(.video_codec)
        }
    }
}

public enum JanusError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String)
    case unreachable(String, String)
    /// Janus answered with an error (core codes: 458 no such session, …; VideoRoom: 426 no such room, 433 unauthorized).
    case refused(code: Int, reason: String)
    case malformed(String)
    case timedOut(String)

    public var description: String {
        switch self {
        case let .badURL(url): "\(url) is not an http:// or https:// URL"
        case let .unreachable(url, reason): "the Janus server at \(url) cannot be reached: \(reason)"
        case let .refused(code, reason): "Janus refused (error \(code)): \(reason)"
        case let .malformed(reason): "Janus sent a malformed message: \(reason)"
        case let .timedOut(what): "Janus did not answer in time: \(what)"
        }
    }
}
