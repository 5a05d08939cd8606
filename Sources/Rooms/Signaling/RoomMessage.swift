import Foundation

/// What the room sends a member (docs/rooms.md, "From the room"). The room
/// writes these; the recorder, a member like any other, reads them.
public enum RoomMessage: Equatable, Sendable {
    /// To a member that just arrived: who it is, who else is here, whether the room records.
    case welcome(Welcome)
    case peerJoined(SignalingPeer)
    case peerLeft(id: String)
    case recording(RecordingState)
    /// An offer, answer, candidate or hangup from another member, with the sender set by the room.
    case relayed(Relayed)
    case chat(from: String, name: String, text: String, at: Int64)
    case mediaState(from: String, name: String, participant: String, kind: MemberMessage.MediaKind, enabled: Bool, track: String?)
    case pong
    case error(code: String, message: String)

    public struct Welcome: Equatable, Sendable {
        public var id: String
        public var room: String
        public var name: String
        public var role: String
        public var mayRecord: Bool
        public var peers: [SignalingPeer]
        public var recording: RecordingState
    }

    public struct RecordingState: Codable, Equatable, Sendable {
        public var active: Bool
        public var jobId: String?
    }

    /// A member's message to one peer, as that peer receives it.
    public struct Relayed: Equatable, Sendable {
        public var message: MemberMessage
        public var from: String
        public var name: String
        public var participant: String
    }

    public init(refusal: SignalingRefusal) { self = .error(code: refusal.code, message: refusal.message) }

    /// The message's one text (sorted keys).
    public var text: String {
        var fields = SignalingFields()
        switch self {
        case let .welcome(w):
            (fields.type, fields.id, fields.room, fields.name, fields.role) = ("welcome", w.id, w.room, w.name, w.role)
            (fields.mayRecord, fields.peers, fields.recording) = (w.mayRecord, w.peers, w.recording)
        case let .peerJoined(peer): (fields.type, fields.peer) = ("peer-joined", peer)
        case let .peerLeft(id): (fields.type, fields.id) = ("peer-left", id)
        case let .recording(state): (fields.type, fields.active, fields.jobId) = ("recording", state.active, state.jobId)
        case let .relayed(relayed):
            fields = relayed.message.fields
            (fields.from, fields.name, fields.participant) = (relayed.from, relayed.name, relayed.participant)
        case let .chat(from, name, body, at): (fields.type, fields.from, fields.name, fields.text, fields.at) = ("chat", from, name, body, at)
        case let .mediaState(from, name, participant, kind, enabled, track):
            (fields.type, fields.from, fields.name, fields.participant) = ("media-state", from, name, participant)
            (fields.kind, fields.enabled, fields.track, fields.hasTrack) = (kind.rawValue, enabled, track, track != nil)
        case .pong: fields.type = "pong"
        case let .error(code, message): (fields.type, fields.code, fields.message) = ("error", code, message)
        }
        return fields.encoded()
    }

    /// Reads a message the room sent; nil for anything that is not one.
    public static func parse(_ text: String) -> RoomMessage? {
        guard let fields = try? JSONDecoder().decode(SignalingFields.self, from: Data(text.utf8)), let type = fields.type else { return nil }
        switch type {
        case "welcome":
            guard let id = fields.id, let room = fields.room, let name = fields.name, let role = fields.role,
                  let mayRecord = fields.mayRecord, let peers = fields.peers, let recording = fields.recording else { return nil }
            return .welcome(Welcome(id: id, room: room, name: name, role: role, mayRecord: mayRecord, peers: peers, recording: recording))
        case "peer-joined": return fields.peer.map(RoomMessage.peerJoined)
        case "peer-left": return fields.id.map { .peerLeft(id: $0) }
        case "recording": return fields.active.map { .recording(RecordingState(active: $0, jobId: fields.jobId)) }
        case "offer", "answer", "candidate", "hangup":
            guard let from = fields.from, let name = fields.name, let participant = fields.participant,
                  case let .success(message) = MemberMessage.parse(text) else { return nil }
            return .relayed(Relayed(message: message, from: from, name: name, participant: participant))
        case "chat":
            guard let from = fields.from, let name = fields.name, let body = fields.text, let at = fields.at else { return nil }
            return .chat(from: from, name: name, text: body, at: at)
        case "media-state":
            guard let from = fields.from, let name = fields.name, let participant = fields.participant,
                  case let .success(.mediaState(kind, enabled, track)) = MemberMessage.parse(text) else { return nil }
            return .mediaState(from: from, name: name, participant: participant, kind: kind, enabled: enabled, track: track)
        case "pong": return .pong
        case "error":
            guard let code = fields.code, let message = fields.message else { return nil }
            return .error(code: code, message: message)
        default: return nil
        }
    }
}
