import WebRTC

/// The recorder's calls in a built-in room, without I/O: messages from the
/// room and the outcomes of the steps come in, the steps to take come out.
/// The recorder calls every participant already there (a receive-only offer
/// each); participants who join later call it, as they call every member.
/// A later offer on a live call (a screen share added or stopped) is a
/// renegotiation of it. Candidates that arrive before a call is up wait for it.
/// `Offer` is the driver's own record of an offer it made (kept here until
/// the answer comes).
public struct RecorderCallPlan<Offer: Sendable>: Sendable {
    public enum Step: Sendable {
        /// Make a receive-only offer for `peer` and hand it back through `offered(_:sdp:to:)`.
        case makeOffer(peer: String)
        /// Say this to the room.
        case send(MemberMessage)
        /// Start the call we offered with the peer's answer; report `connected` or `refused`.
        case connect(peer: String, offer: Offer, answer: String, participant: String, name: String?)
        /// Answer the peer's offer, a new call; report `answered` or `refused`.
        case accept(peer: String, offer: String, participant: String, name: String?)
        /// Answer a new offer on a live call; report `renegotiated`, `callGone` if its connection
        /// closed meanwhile, or `refused`.
        case renegotiate(peer: String, ufrag: String, offer: String)
        case addCandidates(ufrag: String, [ICECandidate])
        case setMediaState(ufrag: String, kind: String, track: String?, muted: Bool)
        case hangUp(ufrag: String, reason: String)
    }

    enum Call: Sendable {
        case offering(pending: [ICECandidate])
        case offered(Offer, pending: [ICECandidate])
        /// Our answer or their answer is being put into effect.
        case starting(pending: [ICECandidate])
        case connected(ufrag: String)
    }

    private(set) var calls: [String: Call] = [:]
    /// Member id → display name and participant (stable across a member's reconnections).
    private var names: [String: String] = [:]
    private var participants: [String: String] = [:]

    public init() {}

    /// Peers with a call up, for tests and logs.
    public var connectedPeers: Set<String> {
        Set(calls.compactMap { if case .connected = $0.value { $0.key } else { nil } })
    }

    /// A message the room sent the recorder.
    public mutating func received(_ message: RoomMessage) -> [Step] {
        switch message {
        case let .welcome(welcome):
            var steps: [Step] = []
            for peer in welcome.peers where peer.role == "participant" {
                remember(peer.id, name: peer.name, participant: peer.participant)
                calls[peer.id] = .offering(pending: [])
                steps.append(.makeOffer(peer: peer.id))
            }
            return steps
        case let .peerJoined(peer):
            remember(peer.id, name: peer.name, participant: peer.participant)
            return []
        case let .peerLeft(id):
            return end(id, reason: "left the room")
        case let .relayed(relayed):
            remember(relayed.from, name: relayed.name, participant: relayed.participant)
            return relayedMessage(relayed.message, from: relayed.from)
        case let .mediaState(from, name, participant, kind, enabled, track):
            remember(from, name: name, participant: participant)
            guard case let .connected(ufrag)? = calls[from] else { return [] }
            return [.setMediaState(ufrag: ufrag, kind: kind.rawValue, track: track, muted: !enabled)]
        case .recording, .chat, .pong, .error:
            return []
        }
    }

    private mutating func relayedMessage(_ message: MemberMessage, from peer: String) -> [Step] {
        switch message {
        case let .offer(_, sdp):
            if case let .connected(ufrag)? = calls[peer] { return [.renegotiate(peer: peer, ufrag: ufrag, offer: sdp)] }
            calls[peer] = .starting(pending: [])
            return [accept(peer, offer: sdp)]
        case let .answer(_, sdp):
            guard case let .offered(offer, pending)? = calls[peer] else { return [] }
            calls[peer] = .starting(pending: pending)
            return [.connect(peer: peer, offer: offer, answer: sdp, participant: participant(peer), name: names[peer])]
        case let .candidate(_, candidate):
            // mDNS and TCP candidates do not parse, and are skipped.
            guard let line = candidate?.candidate, !line.isEmpty, let parsed = try? ICECandidate(parsing: line) else { return [] }
            switch calls[peer] {
            case let .offering(pending)?: calls[peer] = .offering(pending: pending + [parsed])
            case let .offered(offer, pending)?: calls[peer] = .offered(offer, pending: pending + [parsed])
            case let .starting(pending)?: calls[peer] = .starting(pending: pending + [parsed])
            case let .connected(ufrag)?: return [.addCandidates(ufrag: ufrag, [parsed])]
            case nil: break
            }
            return []
        case .hangup:
            return end(peer, reason: "hung up")
        case .chat, .record, .mediaState, .ping:
            return []
        }
    }

    /// The offer the driver made for `peer`: send it.
    public mutating func offered(_ offer: Offer, sdp: String, to peer: String) -> [Step] {
        guard case let .offering(pending)? = calls[peer] else { return [] }
        calls[peer] = .offered(offer, pending: pending)
        return [.send(.offer(to: peer, sdp: sdp))]
    }

    /// The call we offered is up.
    public mutating func connected(peer: String, ufrag: String) -> [Step] {
        guard case let .starting(pending)? = calls[peer] else { return [.hangUp(ufrag: ufrag, reason: "the peer left")] }
        calls[peer] = .connected(ufrag: ufrag)
        return pending.isEmpty ? [] : [.addCandidates(ufrag: ufrag, pending)]
    }

    /// The peer's call is up with our answer: send it.
    public mutating func answered(peer: String, ufrag: String, answer: String) -> [Step] {
        connected(peer: peer, ufrag: ufrag) + [.send(.answer(to: peer, sdp: answer))]
    }

    /// A live call's new offer is answered.
    public func renegotiated(peer: String, answer: String) -> [Step] { [.send(.answer(to: peer, sdp: answer))] }

    /// The live call's connection had closed: the offer starts a new call.
    public mutating func callGone(peer: String, offer: String) -> [Step] {
        calls[peer] = .starting(pending: [])
        return [accept(peer, offer: offer)]
    }

    /// An offer or answer of `peer`'s could not be put into effect: the call ends and the peer hears why.
    public mutating func refused(peer: String, reason: String) -> [Step] {
        calls[peer] = nil
        return [.send(.hangup(to: peer, reason: reason))]
    }

    /// The recording stopped: every call is hung up.
    public mutating func leave() -> [Step] {
        let steps: [Step] = calls.values.compactMap { if case let .connected(ufrag) = $0 { .hangUp(ufrag: ufrag, reason: "the recorder left") } else { nil } }
        calls.removeAll()
        return steps
    }

    private mutating func end(_ peer: String, reason: String) -> [Step] {
        guard case let .connected(ufrag)? = calls.removeValue(forKey: peer) else { return [] }
        return [.hangUp(ufrag: ufrag, reason: reason)]
    }

    private func accept(_ peer: String, offer: String) -> Step {
        .accept(peer: peer, offer: offer, participant: participant(peer), name: names[peer])
    }

    private func participant(_ peer: String) -> String { participants[peer] ?? peer }

    private mutating func remember(_ peer: String, name: String, participant: String) {
        names[peer] = name
        participants[peer] = participant
    }
}
