import Foundation
import Logging
import SDP
import WebRTC

/// tessera's own offer, waiting for the far side's answer.
public struct CallOffer: Sendable {
    /// The offer's SDP text, to send.
    public let sdp: String
    let offer: SessionDescription
    let localICE: ICECredentials
}

/// Calls tessera makes (a WHEP source, a room's peer, an SFU subscription):
/// it offers to receive, the far side answers, and the far side joins a
/// room as a participant like a WHIP publisher does. As the offerer it is
/// the controlling ICE agent (RFC 8445 §6.1.1), which an ICE-lite answerer
/// needs (RFC 8445 §6.1.1: a lite agent is always controlled).
extension RoomDirectory {
    /// A receive-only offer for `kinds` with all our candidates (no trickle
    /// needed from our side). Candidates are on the first media port, the
    /// one the driver sends our checks from.
    public func makeCallOffer(kinds: [String] = ["audio", "video"]) -> CallOffer {
        let local = ICECredentials(ufrag: Self.randomToken(8), password: Self.randomToken(24))
        let candidates = localCandidates(port: media.ports[0])
        let offer = RecvOnlyOffer.make(kinds: kinds, AnswerParameters(ice: local, fingerprint: certificate.fingerprint, candidates: candidates))
        return CallOffer(sdp: offer.text, offer: offer, localICE: local)
    }

    /// Starts the connection the answer describes; the far side joins `room`
    /// as `participantID`. Returns the connection's ufrag, for trickle and hang-up.
    public func connectCall(_ call: CallOffer, answer text: String, room: String, participantID: String,
                            name: String?) async throws(WHIPError) -> String {
        guard Self.isValidRoomName(room) else { throw .malformed("room names are 1–64 letters, digits, '-' or '_'") }
        let settings = try Negotiation.answered(call, answer: text, settings: negotiationSettings)
        try await join(settings, room: room, participantID: participantID, name: name)
        return call.localICE.ufrag
    }

    /// Answers a peer's offer (a browser in a built-in room calling the
    /// recorder): like a WHIP publish, without its session resource. The
    /// peer joins `room` as `participantID`. Returns our answer and the ufrag.
    public func acceptCall(offer text: String, room: String, participantID: String,
                           name: String?) async throws(WHIPError) -> (answer: String, ufrag: String) {
        guard Self.isValidRoomName(room) else { throw .malformed("room names are 1–64 letters, digits, '-' or '_'") }
        let local = ICECredentials(ufrag: Self.randomToken(8), password: Self.randomToken(24))
        let negotiated = try Negotiation.answer(
            offer: text, local: AnswerParameters(ice: local, fingerprint: certificate.fingerprint, candidates: localCandidates(port: media.ports[0])),
            settings: negotiationSettings)
        try await join(negotiated.connection, room: room, participantID: participantID, name: name)
        return (negotiated.answer.text, local.ufrag)
    }

    /// A new offer on a live call (a screen share added or removed): the
    /// same transport, the sections the offer has now. Our answer keeps our
    /// ICE credentials and DTLS role (RFC 8842 §5.5: no new association).
    public func renegotiateCall(ufrag: String, offer text: String) async throws(WHIPError) -> String {
        guard let current = try? await media.withConnection(ufrag: ufrag, { $0?.configuration }).get() else { throw .unknownSession }
        let negotiated = try Negotiation.answer(
            offer: text, local: AnswerParameters(ice: current.localICE, fingerprint: certificate.fingerprint, candidates: localCandidates(port: media.ports[0])),
            settings: negotiationSettings)
        var answer = negotiated.answer
        let role = current.dtlsRole == .server ? "passive" : "active"
        for index in answer.media.indices {
            answer.media[index].attributes = answer.media[index].attributes.map { $0.name == "setup" ? .init(name: "setup", value: role) : $0 }
        }
        let frozen = negotiated.connection.media, declared = negotiated.details.declared
        let server = media
        _ = try? await media.eventLoop.submit {
            server.renegotiateOnLoop(ufrag: ufrag, media: frozen, declared: declared)
        }.get()
        return answer.text
    }

    /// Makes the connection on the event loop and joins its peer to the room.
    private func join(_ settings: ReceiveConnection.Configuration, room: String, participantID: String, name: String?) async throws(WHIPError) {
        do {
            try await media.eventLoop.submit { try self.joinOnLoop(settings, room: room, participantID: participantID, name: name) }.get()
        } catch {
            throw .unavailable("cannot start receiving: \(error)")
        }
        logger.info("call connected", metadata: ["room": .string(room), "participant": .string(participantID)])
    }

    /// Candidates the far side trickled (RFC 8840 fragments carry them as a= lines).
    public func addCallCandidates(ufrag: String, _ candidates: [ICECandidate]) async {
        _ = try? await media.withConnection(ufrag: ufrag) { connection in
            for candidate in candidates { connection?.addRemoteCandidate(candidate) }
        }.get()
    }

    /// Ends a call: the participant leaves the room, its tracks end in the dump.
    public func hangUp(ufrag: String, reason: String) async {
        _ = try? await media.remove(ufrag: ufrag, reason: reason).get()
    }

    /// A call's peer turned a camera or microphone off or on: recordings of `room` write it as an event.
    public func setMediaState(room name: String, ufrag: String, kind: String, trackName: String?, muted: Bool) async {
        _ = try? await media.eventLoop.submit {
            self.existingRoom(named: name)?.mediaState(ufrag: ufrag, kind: kind, trackName: trackName, muted: muted, now: self.media.now)
        }.get()
    }

    /// Whether a call's connection is still up (not closed by consent loss or DTLS failure).
    public func isCallConnected(ufrag: String) async -> Bool {
        (try? await media.withConnection(ufrag: ufrag) { $0 != nil }.get()) ?? false
    }
}
