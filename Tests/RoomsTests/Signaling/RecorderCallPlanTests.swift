import Testing
import WebRTC
@testable import Rooms

/// The recorder's calls in a room, as scenarios: room messages and step outcomes in, steps out.
@Suite struct RecorderCallPlanTests {
    typealias Plan = RecorderCallPlan<String>
    static let host = "candidate:1 1 udp 2130706431 192.0.2.7 50000 typ host"

    static func relayed(_ message: MemberMessage, from peer: String, participant: String? = nil) -> RoomMessage {
        .relayed(.init(message: message, from: peer, name: peer.uppercased(), participant: participant ?? peer))
    }

    static func welcome(_ peers: [SignalingPeer]) -> RoomMessage {
        .welcome(.init(id: "rec", room: "r", name: "tessera recorder", role: "recorder", mayRecord: false, peers: peers,
                       recording: .init(active: true, jobId: "j")))
    }

    /// What a step list says, for comparing (steps hold candidates and offers).
    static func describe(_ steps: [Plan.Step]) -> [String] {
        steps.map { step in
            switch step {
            case let .makeOffer(peer): "makeOffer \(peer)"
            case let .send(message): "send \(message.text)"
            case let .connect(peer, offer, answer, participant, name): "connect \(peer) \(offer) \(answer) as \(participant) \(name ?? "-")"
            case let .accept(peer, offer, participant, name): "accept \(peer) \(offer) as \(participant) \(name ?? "-")"
            case let .renegotiate(peer, ufrag, offer): "renegotiate \(peer) \(ufrag) \(offer)"
            case let .addCandidates(ufrag, candidates): "candidates \(ufrag) \(candidates.count)"
            case let .setMediaState(ufrag, kind, track, muted): "media \(ufrag) \(kind) \(track ?? "-") muted=\(muted)"
            case let .hangUp(ufrag, reason): "hangUp \(ufrag) \(reason)"
            }
        }
    }

    /// Participants already there are called; their answers start the calls, and early candidates wait for them.
    @Test func theRecorderCallsEveryParticipantAlreadyThere() {
        var plan = Plan()
        let peers = [SignalingPeer(id: "a", name: "Alice", participant: "alice"), SignalingPeer(id: "x", name: "other rec", role: "recorder")]
        #expect(Self.describe(plan.received(Self.welcome(peers))) == ["makeOffer a"], "only participants are called")
        #expect(Self.describe(plan.offered("offer-a", sdp: "v=0 a", to: "a")) == [#"send {"sdp":"v=0 a","to":"a","type":"offer"}"#])
        #expect(plan.received(Self.relayed(.candidate(to: "rec", candidate: .init(candidate: Self.host)), from: "a", participant: "alice")).isEmpty)
        #expect(Self.describe(plan.received(Self.relayed(.answer(to: "rec", sdp: "v=0 ans"), from: "a", participant: "alice")))
                == ["connect a offer-a v=0 ans as alice A"])
        #expect(Self.describe(plan.connected(peer: "a", ufrag: "u1")) == ["candidates u1 1"], "the early candidate is handed over")
        #expect(plan.connectedPeers == ["a"])
        #expect(Self.describe(plan.received(Self.relayed(.candidate(to: "rec", candidate: .init(candidate: Self.host)), from: "a")))
                == ["candidates u1 1"])
    }

    /// A participant who joins later calls the recorder; a second offer renegotiates; a gone connection starts anew.
    @Test func aLaterParticipantsOffersAreAnsweredAndRenegotiated() {
        var plan = Plan()
        _ = plan.received(Self.welcome([]))
        _ = plan.received(.peerJoined(SignalingPeer(id: "b1", name: "Bob", participant: "bob")))
        #expect(Self.describe(plan.received(Self.relayed(.offer(to: "rec", sdp: "v=0 o1"), from: "b1", participant: "bob")))
                == ["accept b1 v=0 o1 as bob B1"])
        #expect(Self.describe(plan.answered(peer: "b1", ufrag: "u2", answer: "v=0 a1")) == [#"send {"sdp":"v=0 a1","to":"b1","type":"answer"}"#])
        #expect(Self.describe(plan.received(Self.relayed(.offer(to: "rec", sdp: "v=0 o2"), from: "b1", participant: "bob")))
                == ["renegotiate b1 u2 v=0 o2"])
        #expect(Self.describe(plan.renegotiated(peer: "b1", answer: "v=0 a2")) == [#"send {"sdp":"v=0 a2","to":"b1","type":"answer"}"#])
        #expect(Self.describe(plan.callGone(peer: "b1", offer: "v=0 o3")) == ["accept b1 v=0 o3 as bob B1"])
    }

    /// Camera and microphone changes reach the call's recording; leaving and hanging up end the call once.
    @Test func mediaStateAndTheWaysACallEnds() {
        var plan = Plan()
        _ = plan.received(Self.relayed(.offer(to: "rec", sdp: "v=0"), from: "a"))
        _ = plan.answered(peer: "a", ufrag: "ua", answer: "v=0")
        _ = plan.received(Self.relayed(.offer(to: "rec", sdp: "v=0"), from: "b"))
        _ = plan.answered(peer: "b", ufrag: "ub", answer: "v=0")
        #expect(Self.describe(plan.received(.mediaState(from: "a", name: "A", participant: "a", kind: .video, enabled: false, track: "cam")))
                == ["media ua video cam muted=true"])
        #expect(plan.received(.mediaState(from: "zz", name: "Z", participant: "z", kind: .audio, enabled: false, track: nil)).isEmpty,
                "no call, nothing to mark")
        #expect(Self.describe(plan.received(.peerLeft(id: "a"))) == ["hangUp ua left the room"])
        #expect(plan.received(.peerLeft(id: "a")).isEmpty, "a call ends once")
        #expect(Self.describe(plan.received(Self.relayed(.hangup(to: "rec", reason: nil), from: "b"))) == ["hangUp ub hung up"])
        #expect(plan.connectedPeers.isEmpty)
    }

    /// A refused answer hangs the call up with the reason; the recorder leaving hangs up only live calls.
    @Test func refusalsAndLeaving() {
        var plan = Plan()
        _ = plan.received(Self.welcome([SignalingPeer(id: "a", name: "A"), SignalingPeer(id: "b", name: "B")]))
        _ = plan.offered("oa", sdp: "v=0", to: "a")
        _ = plan.offered("ob", sdp: "v=0", to: "b")
        _ = plan.received(Self.relayed(.answer(to: "rec", sdp: "v=0 bad"), from: "a"))
        #expect(Self.describe(plan.refused(peer: "a", reason: "no codec")) == [#"send {"reason":"no codec","to":"a","type":"hangup"}"#])
        #expect(plan.received(Self.relayed(.answer(to: "rec", sdp: "v=0"), from: "a")).isEmpty, "an answer to no offer is ignored")
        _ = plan.received(Self.relayed(.answer(to: "rec", sdp: "v=0"), from: "b"))
        _ = plan.connected(peer: "b", ufrag: "ub")
        #expect(Self.describe(plan.leave()) == ["hangUp ub the recorder left"])
        #expect(Self.describe(plan.connected(peer: "a", ufrag: "late")) == ["hangUp late the peer left"],
                "a call that comes up after its peer went is hung up")
    }

    /// Candidates that do not parse (mDNS names, garbage) and ones for no call are dropped.
    @Test func unusableCandidatesAreDropped() {
        var plan = Plan()
        _ = plan.received(Self.relayed(.offer(to: "rec", sdp: "v=0"), from: "a"))
        _ = plan.answered(peer: "a", ufrag: "ua", answer: "v=0")
        for candidate in ["candidate:1 1 udp 1 abc.local 5000 typ host", "", "garbage"] {
            #expect(plan.received(Self.relayed(.candidate(to: "rec", candidate: .init(candidate: candidate)), from: "a")).isEmpty, "\(candidate)")
        }
        #expect(plan.received(Self.relayed(.candidate(to: "rec", candidate: .init(candidate: Self.host)), from: "nobody")).isEmpty)
    }
}
