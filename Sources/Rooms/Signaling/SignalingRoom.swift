import Foundation
import RTP

/// One member of a built-in room: a browser (role "participant") or
/// tessera's recorder (role "recorder").
public struct SignalingPeer: Equatable, Sendable {
    public var id: String
    public var name: String
    public var role: String
    public var mayRecord: Bool
    /// Who the member is across connections (from their token): a member who
    /// reconnects gets a new `id` but the same participant, so a recording
    /// keeps them in one tile.
    public var participant: String

    public init(id: String, name: String, role: String = "participant", mayRecord: Bool = false, participant: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.mayRecord = mayRecord
        self.participant = participant ?? id
    }

}

/// On the wire a member is its id, name, role and participant; whether it may record is its own business.
extension SignalingPeer: Codable {
    enum CodingKeys: String, CodingKey { case id, name, role, participant }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  role: try c.decode(String.self, forKey: .role), participant: try c.decode(String.self, forKey: .participant))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(participant, forKey: .participant)
    }
}

/// The signaling of one built-in room, sans I/O: members connect, send
/// JSON text messages (`MemberMessage`) and leave; what must go out comes back as actions.
/// The protocol is documented in docs/rooms.md. Offers, answers and
/// candidates are relayed to the one peer they name, with `from` set by the
/// room (a member cannot speak for another); chat goes to everyone; a
/// malformed, oversized or too frequent message gets an `error` message
/// back and changes nothing else.
public final class SignalingRoom {
    public enum Action: Equatable, Sendable {
        case send(to: String, message: RoomMessage)
        /// Close a member's connection (a flood that does not stop).
        case close(peer: String, code: Int, reason: String)
        /// A member allowed to record asked to start or stop the room's recording.
        case recordingRequested(start: Bool, by: String)
    }

    public struct Limits: Sendable {
        public var maximumMessageBytes = 64 * 1024
        public var maximumMembers = 32
        /// Token bucket: a burst of this many messages…
        public var burst = 60.0
        /// …refilled at this many per second.
        public var messagesPerSecond = 20.0
        /// Messages refused for rate before the connection is closed.
        public var refusalsBeforeClose = 200
        public var maximumChatCharacters = 2000
        /// Microseconds between record requests in one room: starting and
        /// stopping a job costs far more than relaying a message.
        public var recordRequestIntervalMicros: Int64 = 2_000_000
        public init() {}
    }

    public let name: String
    public let limits: Limits
    public private(set) var members: [SignalingPeer] = []
    public private(set) var recording: (active: Bool, jobID: String?) = (false, nil)
    private var lastRecordRequest: Int64?
    /// Counters for metrics and tests.
    public private(set) var refusedMessages = 0
    /// Of those, refused for rate: past the message bucket or the record-request interval.
    public private(set) var rateRefusals = 0
    public private(set) var relayedMessages = 0

    private var buckets: [String: (tokens: Double, at: Int64, refusals: Int)] = [:]
    /// Members told to go: what they still send is dropped without a word (and without a log line each).
    private var closing: Set<String> = []

    public init(name: String, limits: Limits = Limits()) {
        self.name = name
        self.limits = limits
    }

    public var isEmpty: Bool { members.isEmpty }

    public func member(_ id: String) -> SignalingPeer? { members.first { $0.id == id } }

    /// A member arrives: it gets `welcome` (its id, the others, the
    /// recording state); the others get `peer-joined`.
    public func connect(_ peer: SignalingPeer, now: Int64) -> [Action] {
        guard members.count < limits.maximumMembers else {
            return [.send(to: peer.id, message: .error(code: "room_full", message: "the room holds at most \(limits.maximumMembers) members")),
                    .close(peer: peer.id, code: 1008, reason: "room full")]
        }
        let welcome = RoomMessage.Welcome(id: peer.id, room: name, name: peer.name, role: peer.role, mayRecord: peer.mayRecord,
                                          peers: members, recording: recordingState)
        var actions: [Action] = [.send(to: peer.id, message: .welcome(welcome))]
        actions += members.map { .send(to: $0.id, message: .peerJoined(peer)) }
        members.append(peer)
        buckets[peer.id] = (limits.burst, now, 0)
        return actions
    }

    /// A member leaves (closed socket, recorder stopped): the others get `peer-left`.
    public func disconnect(_ id: String) -> [Action] {
        guard members.contains(where: { $0.id == id }) else { return [] }
        members.removeAll { $0.id == id }
        buckets[id] = nil
        closing.remove(id)
        return members.map { .send(to: $0.id, message: .peerLeft(id: id)) }
    }

    /// The room's recording started or stopped: everyone is told.
    public func setRecording(active: Bool, jobID: String?) -> [Action] {
        guard recording.active != active || recording.jobID != jobID else { return [] }
        recording = (active, jobID)
        return members.map { .send(to: $0.id, message: .recording(recordingState)) }
    }

    private var recordingState: RoomMessage.RecordingState { .init(active: recording.active, jobId: recording.jobID) }

    /// A text message from a member.
    public func receive(_ text: String, from id: String, now: Int64) -> [Action] {
        guard member(id) != nil, !closing.contains(id) else { return [] }
        if let refusal = spend(id, now: now) { return refusal }
        guard text.utf8.count <= limits.maximumMessageBytes else {
            return refuse(id, .init("too_large", "messages are at most \(limits.maximumMessageBytes) bytes"))
        }
        switch MemberMessage.parse(text) {
        case let .failure(refusal): return refuse(id, refusal)
        case let .success(message): return decide(message, from: id, now: now)
        }
    }

    /// A message from a member that speaks in types (the recorder): the same rules, without the parsing.
    public func receive(_ message: MemberMessage, from id: String, now: Int64) -> [Action] {
        guard member(id) != nil, !closing.contains(id) else { return [] }
        if let refusal = spend(id, now: now) { return refusal }
        return decide(message, from: id, now: now)
    }

    /// What a well-formed message from a member leads to.
    private func decide(_ message: MemberMessage, from id: String, now: Int64) -> [Action] {
        guard let sender = member(id) else { return [] }
        if let to = message.recipient {
            guard to != id, member(to) != nil else { return refuse(id, .init("unknown_peer", "no peer \(to) in this room")) }
            relayedMessages += 1
            return [.send(to: to, message: .relayed(.init(message: message, from: id, name: sender.name, participant: sender.participant)))]
        }
        switch message {
        case let .chat(body):
            guard !body.isEmpty, body.count <= limits.maximumChatCharacters else {
                return refuse(id, .init("malformed", "chat needs \"text\" of 1–\(limits.maximumChatCharacters) characters"))
            }
            let chat = RoomMessage.chat(from: id, name: sender.name, text: body, at: now / 1000)
            return members.map { .send(to: $0.id, message: chat) }
        case let .record(start):
            guard sender.mayRecord else { return refuse(id, .init("forbidden", "this token may not start or stop recordings")) }
            if let last = lastRecordRequest, now.saturatingSubtract(last) < limits.recordRequestIntervalMicros {
                rateRefusals += 1
                return refuse(id, .init("rate_limited", "one record request every \(limits.recordRequestIntervalMicros / 1_000_000) s per room"))
            }
            lastRecordRequest = now
            return [.recordingRequested(start: start, by: id)]
        case let .mediaState(kind, enabled, track):
            // The track keeps flowing, black or silent: everyone else hears of it, the recorder writes it into the dump.
            let state = RoomMessage.mediaState(from: id, name: sender.name, participant: sender.participant, kind: kind, enabled: enabled, track: track)
            return members.filter { $0.id != id }.map { .send(to: $0.id, message: state) }
        case .ping:
            return [.send(to: id, message: .pong)]
        case .offer, .answer, .candidate, .hangup:
            return []
        }
    }

    /// Takes a token from the member's bucket, or refuses (and after many refusals, closes).
    private func spend(_ id: String, now: Int64) -> [Action]? {
        guard var bucket = buckets[id] else { return nil }
        let elapsed = Double(max(0, now - bucket.at)) / 1_000_000
        bucket.tokens = min(limits.burst, bucket.tokens + elapsed * limits.messagesPerSecond)
        bucket.at = now
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            buckets[id] = bucket
            return nil
        }
        bucket.refusals += 1
        buckets[id] = bucket
        refusedMessages += 1
        rateRefusals += 1
        if bucket.refusals >= limits.refusalsBeforeClose {
            closing.insert(id)
            return [.close(peer: id, code: 1008, reason: "too many messages")]
        }
        // One error for a run of refusals is enough: a flooding client need not be flooded back.
        return bucket.refusals == 1 || bucket.refusals % 50 == 0
            ? [.send(to: id, message: .error(code: "rate_limited", message: "at most \(Int(limits.messagesPerSecond)) messages a second"))] : []
    }

    private func refuse(_ id: String, _ refusal: SignalingRefusal) -> [Action] {
        refusedMessages += 1
        return [.send(to: id, message: RoomMessage(refusal: refusal))]
    }
}
