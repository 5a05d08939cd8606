import Logging
import WebRTC

/// tessera's recorder as a member of a built-in room: carries out what its
/// `RecorderCallPlan` decides. Each participant's connection joins the media
/// room of the same name, so the room's recording holds them.
public actor RecorderPeer {
    public let id: String
    public let room: String
    private let directory: RoomDirectory
    private let logger: Logger
    private var plan = RecorderCallPlan<CallOffer>()

    public init(id: String, room: String, directory: RoomDirectory, logger: Logger) {
        self.id = id
        self.room = room
        self.directory = directory
        self.logger = logger
    }

    /// Handles one message the room sent to the recorder; returns what the
    /// recorder says back through the room.
    public func handle(_ message: RoomMessage) async -> [MemberMessage] {
        await run(plan.received(message))
    }

    /// Hangs up every call (the recording stopped).
    public func leave() async {
        _ = await run(plan.leave())
    }

    private func run(_ steps: [RecorderCallPlan<CallOffer>.Step]) async -> [MemberMessage] {
        var queue = steps[...], said: [MemberMessage] = []
        while let step = queue.popFirst() {
            if case let .send(message) = step { said.append(message) } else { queue += await perform(step) }
        }
        return said
    }

    /// Carries out one step; returns what the plan makes of its outcome.
    private func perform(_ step: RecorderCallPlan<CallOffer>.Step) async -> [RecorderCallPlan<CallOffer>.Step] {
        switch step {
        case let .makeOffer(peer):
            let call = directory.makeCallOffer()
            return plan.offered(call, sdp: call.sdp, to: peer)
        case let .connect(peer, offer, answer, participant, name):
            do {
                let ufrag = try await directory.connectCall(offer, answer: answer, room: room, participantID: participant, name: name)
                return plan.connected(peer: peer, ufrag: ufrag)
            } catch {
                return refused(peer, "a participant's answer was refused", error)
            }
        case let .accept(peer, offer, participant, name):
            do {
                let (answer, ufrag) = try await directory.acceptCall(offer: offer, room: room, participantID: participant, name: name)
                return plan.answered(peer: peer, ufrag: ufrag, answer: answer)
            } catch {
                return refused(peer, "a participant's offer was refused", error)
            }
        case let .renegotiate(peer, ufrag, offer):
            guard await directory.isCallConnected(ufrag: ufrag) else { return plan.callGone(peer: peer, offer: offer) }
            do {
                return plan.renegotiated(peer: peer, answer: try await directory.renegotiateCall(ufrag: ufrag, offer: offer))
            } catch {
                return refused(peer, "a participant's offer was refused", error)
            }
        case let .addCandidates(ufrag, candidates):
            await directory.addCallCandidates(ufrag: ufrag, candidates)
        case let .setMediaState(ufrag, kind, track, muted):
            await directory.setMediaState(room: room, ufrag: ufrag, kind: kind, trackName: track, muted: muted)
        case let .hangUp(ufrag, reason):
            await directory.hangUp(ufrag: ufrag, reason: reason)
        case .send:
            break
        }
        return []
    }

    private func refused(_ peer: String, _ what: String, _ error: WHIPError) -> [RecorderCallPlan<CallOffer>.Step] {
        logger.warning("\(what)", metadata: ["room": .string(room), "peer": .string(peer), "error": .string("\(error)")])
        return plan.refused(peer: peer, reason: "\(error)")
    }
}
