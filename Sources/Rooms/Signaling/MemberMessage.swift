import Foundation

/// What a member of a built-in room sends (docs/rooms.md, "From a member").
/// Parsing checks the shape only; whether the named peer exists, the
/// member may record or the chat is short enough is the room's to judge.
public enum MemberMessage: Equatable, Sendable {
    case offer(to: String, sdp: String)
    case answer(to: String, sdp: String)
    /// A trickled candidate; nil is the end of candidates.
    case candidate(to: String, candidate: CandidateInit?)
    case hangup(to: String, reason: String?)
    case chat(text: String)
    case record(start: Bool)
    /// A camera or microphone turned off or on; the track keeps flowing.
    case mediaState(kind: MediaKind, enabled: Bool, track: String?)
    case ping

    public enum MediaKind: String, Codable, Sendable { case audio, video }

    /// The peer a relayed message is for.
    public var recipient: String? {
        switch self {
        case let .offer(to, _), let .answer(to, _), let .candidate(to, _), let .hangup(to, _): to
        default: nil
        }
    }

    /// Parses one text frame, or names what is wrong with it.
    public static func parse(_ text: String) -> Result<MemberMessage, SignalingRefusal> {
        guard let fields = try? JSONDecoder().decode(SignalingFields.self, from: Data(text.utf8)) else {
            return .failure(.init("malformed", "a message is a JSON object"))
        }
        guard let type = fields.type else { return .failure(.init("malformed", "a message needs a string \"type\"")) }
        switch type {
        case "offer", "answer", "candidate", "hangup":
            guard let to = fields.to else { return .failure(.init("malformed", "\(type) needs \"to\": a peer id")) }
            switch type {
            case "offer", "answer":
                guard let sdp = fields.sdp, sdp.hasPrefix("v=") else {
                    return .failure(.init("malformed", "\(type) needs \"sdp\": a session description"))
                }
                return .success(type == "offer" ? .offer(to: to, sdp: sdp) : .answer(to: to, sdp: sdp))
            case "candidate":
                guard fields.candidateIsWellFormed else {
                    return .failure(.init("malformed", "a candidate is an RTCIceCandidateInit object, a candidate line or null"))
                }
                return .success(.candidate(to: to, candidate: fields.candidate))
            default:
                return .success(.hangup(to: to, reason: fields.reason))
            }
        case "chat":
            guard let body = fields.text else { return .failure(.init("malformed", "chat needs \"text\"")) }
            return .success(.chat(text: body))
        case "record":
            guard let action = fields.action, action == "start" || action == "stop" else {
                return .failure(.init("malformed", "record needs \"action\": \"start\" or \"stop\""))
            }
            return .success(.record(start: action == "start"))
        case "media-state":
            guard let kind = fields.kind.flatMap(MediaKind.init(rawValue:)), let enabled = fields.enabled else {
                return .failure(.init("malformed", "media-state needs \"kind\": \"audio\" or \"video\" and \"enabled\": true or false"))
            }
            if fields.hasTrack {
                guard let track = fields.track, !track.isEmpty, track.count <= 128 else {
                    return .failure(.init("malformed", "media-state's \"track\" is the track's id, 1–128 characters"))
                }
            }
            return .success(.mediaState(kind: kind, enabled: enabled, track: fields.track))
        case "ping":
            return .success(.ping)
        default:
            return .failure(.init("unknown_type", "unknown message type \(type.prefix(40))"))
        }
    }

    /// The message as a member sends it (the recorder speaks through this too).
    public var text: String { fields.encoded() }

    var fields: SignalingFields {
        var fields = SignalingFields()
        switch self {
        case let .offer(to, sdp): (fields.type, fields.to, fields.sdp) = ("offer", to, sdp)
        case let .answer(to, sdp): (fields.type, fields.to, fields.sdp) = ("answer", to, sdp)
        case let .candidate(to, candidate): (fields.type, fields.to, fields.candidate, fields.hasCandidate) = ("candidate", to, candidate, true)
        case let .hangup(to, reason): (fields.type, fields.to, fields.reason) = ("hangup", to, reason)
        case let .chat(body): (fields.type, fields.text) = ("chat", body)
        case let .record(start): (fields.type, fields.action) = ("record", start ? "start" : "stop")
        case let .mediaState(kind, enabled, track):
            (fields.type, fields.kind, fields.enabled, fields.track, fields.hasTrack) = ("media-state", kind.rawValue, enabled, track, track != nil)
        case .ping: fields.type = "ping"
        }
        return fields
    }
}

/// Why the room refused a member's message: sent back as an `error` message.
public struct SignalingRefusal: Error, Equatable, Sendable {
    public var code: String
    public var message: String
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// A trickled ICE candidate as browsers hand it over (`RTCIceCandidate.toJSON()`),
/// relayed untouched; a bare candidate line is accepted too.
public struct CandidateInit: Codable, Equatable, Sendable {
    public var candidate: String
    public var sdpMid: String?
    public var sdpMLineIndex: Int?
    public var usernameFragment: String?

    public init(candidate: String, sdpMid: String? = nil, sdpMLineIndex: Int? = nil, usernameFragment: String? = nil) {
        self.candidate = candidate
        self.sdpMid = sdpMid
        self.sdpMLineIndex = sdpMLineIndex
        self.usernameFragment = usernameFragment
    }

    public init(from decoder: any Decoder) throws {
        if let line = try? decoder.singleValueContainer().decode(String.self) {
            self.init(candidate: line)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(candidate: try container.decode(String.self, forKey: .candidate),
                  sdpMid: try container.decodeIfPresent(String.self, forKey: .sdpMid),
                  sdpMLineIndex: try container.decodeIfPresent(Int.self, forKey: .sdpMLineIndex),
                  usernameFragment: try container.decodeIfPresent(String.self, forKey: .usernameFragment))
    }
}
