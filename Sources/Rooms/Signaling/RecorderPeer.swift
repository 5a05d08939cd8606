import Foundation
import Logging
import WebRTC

/// tessera's recorder as a member of a built-in room. It calls every
/// participant already there (a recv-only offer each); participants who
/// join later call it, as they call every member. Each participant's
/// connection joins the media room of the same name, so the room's
/// recording holds them; later offers on a live call (a screen share added
/// or stopped) are renegotiations of it.
public actor RecorderPeer {
    public let id: String
    public let room: String
    private let endpoint: RoomDirectory
    private let logger: Logger

    private enum Call {
        case offered(CallOffer, pendingCandidates: [ICECandidate])
        case connected(ufrag: String)
    }
    private var calls: [String: Call] = [:]
    private var names: [String: String] = [:]
    /// Member id → participant (stable across a member's reconnections).
    private var participants: [String: String] = [:]

    public init(id: String, room: String, endpoint: RoomDirectory, logger: Logger) {
        self.id = id
        self.room = room
        self.endpoint = endpoint
        self.logger = logger
    }

    /// Handles one message the room sent to the recorder; returns the
    /// messages (JSON text) the recorder sends back through the room.
    public func handle(_ text: String) async -> [String] {
        guard let message = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let type = message["type"] as? String else { return [] }
        let from = message["from"] as? String ?? ""
        if let name = message["name"] as? String, !from.isEmpty { names[from] = name }
        if let participant = message["participant"] as? String, !from.isEmpty { participants[from] = participant }
        switch type {
        case "welcome":
            var out: [String] = []
            for peer in message["peers"] as? [[String: Any]] ?? [] {
                guard let peerID = peer["id"] as? String, peer["role"] as? String == "participant" else { continue }
                names[peerID] = peer["name"] as? String
                participants[peerID] = peer["participant"] as? String
                let call = endpoint.makeCallOffer()
                calls[peerID] = .offered(call, pendingCandidates: [])
                out.append(Self.encode(["type": "offer", "to": peerID, "sdp": call.sdp]))
            }
            return out
        case "offer":
            guard let sdp = message["sdp"] as? String else { return [] }
            return await answer(offer: sdp, from: from)
        case "answer":
            guard case let .offered(call, pending) = calls[from], let sdp = message["sdp"] as? String else { return [] }
            do {
                let ufrag = try await endpoint.connectCall(call, answer: sdp, room: room, participantID: participants[from] ?? from,
                                                           name: names[from])
                calls[from] = .connected(ufrag: ufrag)
                if !pending.isEmpty { await endpoint.addCallCandidates(ufrag: ufrag, pending) }
            } catch {
                calls[from] = nil
                logger.warning("a participant's answer was refused", metadata: ["room": .string(room), "peer": .string(from), "error": .string("\(error)")])
                return [Self.encode(["type": "hangup", "to": from, "reason": "\(error)"])]
            }
            return []
        case "candidate":
            guard let candidate = Self.candidate(in: message) else { return [] }
            switch calls[from] {
            case let .offered(call, pending)?: calls[from] = .offered(call, pendingCandidates: pending + [candidate])
            case let .connected(ufrag)?: await endpoint.addCallCandidates(ufrag: ufrag, [candidate])
            case nil: break
            }
            return []
        case "media-state":
            guard case let .connected(ufrag)? = calls[from], let kind = message["kind"] as? String, let enabled = message["enabled"] as? Bool else { return [] }
            await endpoint.setMediaState(room: room, ufrag: ufrag, kind: kind, trackName: message["track"] as? String, muted: !enabled)
            return []
        case "peer-left", "hangup":
            let peerID = type == "peer-left" ? message["id"] as? String ?? "" : from
            if case let .connected(ufrag)? = calls.removeValue(forKey: peerID) {
                await endpoint.hangUp(ufrag: ufrag, reason: type == "peer-left" ? "left the room" : "hung up")
            }
            return []
        default:
            return []
        }
    }

    /// An offer from a participant: a new call, or a renegotiation of a live one.
    private func answer(offer sdp: String, from: String) async -> [String] {
        do {
            if case let .connected(ufrag)? = calls[from], await endpoint.isCallConnected(ufrag: ufrag) {
                let answer = try await endpoint.renegotiateCall(ufrag: ufrag, offer: sdp)
                return [Self.encode(["type": "answer", "to": from, "sdp": answer])]
            }
            let (answer, ufrag) = try await endpoint.acceptCall(offer: sdp, room: room, participantID: participants[from] ?? from,
                                                                    name: names[from])
            calls[from] = .connected(ufrag: ufrag)
            return [Self.encode(["type": "answer", "to": from, "sdp": answer])]
        } catch {
            logger.warning("a participant's offer was refused", metadata: ["room": .string(room), "peer": .string(from), "error": .string("\(error)")])
            return [Self.encode(["type": "hangup", "to": from, "reason": "\(error)"])]
        }
    }

    /// Hangs up every call (the recording stopped).
    public func leave() async {
        for case let .connected(ufrag) in calls.values { await endpoint.hangUp(ufrag: ufrag, reason: "the recorder left") }
        calls.removeAll()
    }

    /// `{"candidate": {"candidate": "candidate:…", "sdpMid": …}}` or a bare string; mDNS and TCP ones are skipped.
    static func candidate(in message: [String: Any]) -> ICECandidate? {
        let line = (message["candidate"] as? [String: Any])?["candidate"] as? String ?? message["candidate"] as? String
        guard let line, !line.isEmpty else { return nil }
        return try? ICECandidate(parsing: line)
    }

    static func encode(_ object: [String: Any]) -> String { SignalingRoom.encode(object) }
}
