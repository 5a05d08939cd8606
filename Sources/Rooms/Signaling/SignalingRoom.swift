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

    var json: [String: Any] { ["id": id, "name": name, "role": role, "participant": participant] }
}

/// The signaling of one built-in room, sans I/O: members connect, send
/// JSON text messages and leave; what must go out comes back as actions.
/// The protocol is documented in docs/rooms.md. Offers, answers and
/// candidates are relayed to the one peer they name, with `from` set by the
/// room (a member cannot speak for another); chat goes to everyone; a
/// malformed, oversized or too frequent message gets an `error` message
/// back and changes nothing else.
public final class SignalingRoom {
    public enum Action: Equatable, Sendable {
        case send(to: String, text: String)
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
    static let relayed: Set<String> = ["offer", "answer", "candidate", "hangup"]

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
            return [.send(to: peer.id, text: Self.error("room_full", "the room holds at most \(limits.maximumMembers) members")),
                    .close(peer: peer.id, code: 1008, reason: "room full")]
        }
        var actions: [Action] = [.send(to: peer.id, text: Self.encode([
            "type": "welcome", "id": peer.id, "room": name, "name": peer.name, "role": peer.role, "mayRecord": peer.mayRecord,
            "peers": members.map(\.json), "recording": recordingJSON,
        ]))]
        let joined = Self.encode(["type": "peer-joined", "peer": peer.json])
        actions += members.map { .send(to: $0.id, text: joined) }
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
        let left = Self.encode(["type": "peer-left", "id": id])
        return members.map { .send(to: $0.id, text: left) }
    }

    /// The room's recording started or stopped: everyone is told.
    public func setRecording(active: Bool, jobID: String?) -> [Action] {
        guard recording.active != active || recording.jobID != jobID else { return [] }
        recording = (active, jobID)
        let message = Self.encode(["type": "recording"].merging(recordingJSON) { $1 })
        return members.map { .send(to: $0.id, text: message) }
    }

    private var recordingJSON: [String: Any] {
        var json: [String: Any] = ["active": recording.active]
        if let id = recording.jobID { json["jobId"] = id }
        return json
    }

    /// A text message from a member.
    public func receive(_ text: String, from id: String, now: Int64) -> [Action] {
        guard let sender = member(id), !closing.contains(id) else { return [] }
        if let refusal = spend(id, now: now) { return refusal }
        guard text.utf8.count <= limits.maximumMessageBytes else {
            return refuse(id, "too_large", "messages are at most \(limits.maximumMessageBytes) bytes")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            return refuse(id, "malformed", "a message is a JSON object")
        }
        guard let type = object["type"] as? String else { return refuse(id, "malformed", "a message needs a string \"type\"") }
        switch type {
        case _ where Self.relayed.contains(type):
            guard let to = object["to"] as? String else { return refuse(id, "malformed", "\(type) needs \"to\": a peer id") }
            guard to != id, member(to) != nil else { return refuse(id, "unknown_peer", "no peer \(to) in this room") }
            if type == "offer" || type == "answer" {
                guard let sdp = object["sdp"] as? String, sdp.hasPrefix("v=") else {
                    return refuse(id, "malformed", "\(type) needs \"sdp\": a session description")
                }
            }
            var relayed = object
            relayed["from"] = id
            relayed["name"] = sender.name
            relayed["participant"] = sender.participant
            relayedMessages += 1
            return [.send(to: to, text: Self.encode(relayed))]
        case "chat":
            guard let body = object["text"] as? String, !body.isEmpty, body.count <= limits.maximumChatCharacters else {
                return refuse(id, "malformed", "chat needs \"text\" of 1–\(limits.maximumChatCharacters) characters")
            }
            let message = Self.encode(["type": "chat", "from": id, "name": sender.name, "text": body, "at": now / 1000])
            return members.map { .send(to: $0.id, text: message) }
        case "record":
            guard sender.mayRecord else { return refuse(id, "forbidden", "this token may not start or stop recordings") }
            guard let action = object["action"] as? String, action == "start" || action == "stop" else {
                return refuse(id, "malformed", "record needs \"action\": \"start\" or \"stop\"")
            }
            if let last = lastRecordRequest, now.saturatingSubtract(last) < limits.recordRequestIntervalMicros {
                rateRefusals += 1
                return refuse(id, "rate_limited", "one record request every \(limits.recordRequestIntervalMicros / 1_000_000) s per room")
            }
            lastRecordRequest = now
            return [.recordingRequested(start: action == "start", by: id)]
        case "media-state":
            // A camera or microphone turned off or on (the track keeps flowing, black or silent):
            // everyone else hears of it, the recorder writes it into the dump.
            guard let kind = object["kind"] as? String, kind == "audio" || kind == "video", let enabled = object["enabled"] as? Bool else {
                return refuse(id, "malformed", "media-state needs \"kind\": \"audio\" or \"video\" and \"enabled\": true or false")
            }
            var state: [String: Any] = ["type": "media-state", "from": id, "name": sender.name, "participant": sender.participant,
                                        "kind": kind, "enabled": enabled]
            if let track = object["track"] {
                guard let track = track as? String, !track.isEmpty, track.count <= 128 else {
                    return refuse(id, "malformed", "media-state's \"track\" is the track's id, 1–128 characters")
                }
                state["track"] = track
            }
            let message = Self.encode(state)
            return members.filter { $0.id != id }.map { .send(to: $0.id, text: message) }
        case "ping":
            return [.send(to: id, text: Self.encode(["type": "pong"]))]
        default:
            return refuse(id, "unknown_type", "unknown message type \(type.prefix(40))")
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
            ? [.send(to: id, text: Self.error("rate_limited", "at most \(Int(limits.messagesPerSecond)) messages a second"))] : []
    }

    private func refuse(_ id: String, _ code: String, _ message: String) -> [Action] {
        refusedMessages += 1
        return [.send(to: id, text: Self.error(code, message))]
    }

    static func error(_ code: String, _ message: String) -> String {
        encode(["type": "error", "code": code, "message": message])
    }

    static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
