import Foundation

/// Every field a room message may carry, as one flat JSON object: the wire
/// form both `MemberMessage` and `RoomMessage` read and write. Reading is
/// lenient field by field (a field of the wrong JSON type reads as absent),
/// so the typed parsers can say which field is wrong instead of refusing
/// the whole object. Written with sorted keys, so a message has one text.
struct SignalingFields: Codable {
    var type: String?
    var to: String?
    var from: String?
    var sdp: String?
    var candidate: CandidateInit?
    /// The key was there (a null candidate is the end of candidates).
    var hasCandidate = false
    /// The candidate, if given, was an object or a line (or null).
    var candidateIsWellFormed = true
    var reason: String?
    var text: String?
    var action: String?
    var kind: String?
    var enabled: Bool?
    var track: String?
    var hasTrack = false
    var id: String?
    var room: String?
    var name: String?
    var role: String?
    var mayRecord: Bool?
    var participant: String?
    var peers: [SignalingPeer]?
    var peer: SignalingPeer?
    var recording: RoomMessage.RecordingState?
    var active: Bool?
    var jobId: String?
    var at: Int64?
    var code: String?
    var message: String?

    enum CodingKeys: String, CodingKey {
        case type, to, from, sdp, candidate, reason, text, action, kind, enabled, track, id, room, name, role, mayRecord
        case participant, peers, peer, recording, active, jobId, at, code, message
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func string(_ key: CodingKeys) -> String? { (try? c.decodeIfPresent(String.self, forKey: key)) ?? nil }
        func bool(_ key: CodingKeys) -> Bool? { (try? c.decodeIfPresent(Bool.self, forKey: key)) ?? nil }
        type = string(.type); to = string(.to); from = string(.from); sdp = string(.sdp); reason = string(.reason)
        text = string(.text); action = string(.action); kind = string(.kind); track = string(.track); id = string(.id)
        room = string(.room); name = string(.name); role = string(.role); participant = string(.participant)
        jobId = string(.jobId); code = string(.code); message = string(.message)
        enabled = bool(.enabled); mayRecord = bool(.mayRecord); active = bool(.active)
        hasTrack = c.contains(.track)
        hasCandidate = c.contains(.candidate)
        if hasCandidate, (try? c.decodeNil(forKey: .candidate)) != true {
            candidate = (try? c.decode(CandidateInit.self, forKey: .candidate))
            candidateIsWellFormed = candidate != nil
        }
        peers = (try? c.decodeIfPresent([SignalingPeer].self, forKey: .peers)) ?? nil
        peer = (try? c.decodeIfPresent(SignalingPeer.self, forKey: .peer)) ?? nil
        recording = (try? c.decodeIfPresent(RoomMessage.RecordingState.self, forKey: .recording)) ?? nil
        at = (try? c.decodeIfPresent(Int64.self, forKey: .at)) ?? nil
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(type, forKey: .type); try c.encodeIfPresent(to, forKey: .to)
        try c.encodeIfPresent(from, forKey: .from); try c.encodeIfPresent(sdp, forKey: .sdp)
        if hasCandidate {
            if let candidate { try c.encode(candidate, forKey: .candidate) } else { try c.encodeNil(forKey: .candidate) }
        }
        try c.encodeIfPresent(reason, forKey: .reason); try c.encodeIfPresent(text, forKey: .text)
        try c.encodeIfPresent(action, forKey: .action); try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(enabled, forKey: .enabled)
        if hasTrack { try c.encodeIfPresent(track, forKey: .track) }
        try c.encodeIfPresent(id, forKey: .id); try c.encodeIfPresent(room, forKey: .room)
        try c.encodeIfPresent(name, forKey: .name); try c.encodeIfPresent(role, forKey: .role)
        try c.encodeIfPresent(mayRecord, forKey: .mayRecord); try c.encodeIfPresent(participant, forKey: .participant)
        try c.encodeIfPresent(peers, forKey: .peers); try c.encodeIfPresent(peer, forKey: .peer)
        try c.encodeIfPresent(recording, forKey: .recording); try c.encodeIfPresent(active, forKey: .active)
        try c.encodeIfPresent(jobId, forKey: .jobId); try c.encodeIfPresent(at, forKey: .at)
        try c.encodeIfPresent(code, forKey: .code); try c.encodeIfPresent(message, forKey: .message)
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
