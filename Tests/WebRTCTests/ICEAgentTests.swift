import Testing
@testable import WebRTC

/// The answering side of ICE, driven with hand-made Binding requests and a
/// clock that is just a number.
@Suite struct ICEAgentTests {
    static let local = ICECredentials(ufrag: "tess", password: "local-password-0123456789")
    static let remote = ICECredentials(ufrag: "brow", password: "remote-password-0123456789")
    static let peer = STUNAddress(ip: [127, 0, 0, 1], port: 50_000)
    static let other = STUNAddress(ip: [127, 0, 0, 1], port: 50_002)

    static func check(username: String = "tess:brow", key: String = local.password, nominate: Bool = false,
                      role: STUNAttribute = .iceControlling(tieBreaker: 5), id: UInt8 = 1) -> [UInt8] {
        var attributes: [STUNAttribute] = [.username(username), .priority(1_845_501_695), role]
        if nominate { attributes.append(.useCandidate) }
        return STUNMessage(messageClass: .request, transactionID: Array(repeating: id, count: 12), attributes: attributes)
            .serialize(integrityKey: Array(key.utf8))
    }

    static func agent() -> ICEAgent { ICEAgent(local: local, remote: remote, tieBreaker: 1) }

    /// Events other than datagrams to send (the agent's own checks).
    static func nonSends(_ events: [ICEAgent.Event]) -> [ICEAgent.Event] {
        events.filter { if case .send = $0 { false } else { true } }
    }

    /// Two agents wired back to back through memory: every datagram one
    /// sends reaches the other from the sender's address, while `deliver` says so.
    struct Link {
        var a: ICEAgent, b: ICEAgent
        let aAddress: STUNAddress, bAddress: STUNAddress
        var aEvents: [ICEAgent.Event] = [], bEvents: [ICEAgent.Event] = []
        var deliverToA = true, deliverToB = true

        mutating func run(from start: Int64, to end: Int64, step: Int64 = 10_000) {
            var now = start
            var pending: [(toA: Bool, bytes: [UInt8])] = []
            while now <= end {
                var events = a.advance(to: now)
                aEvents += events
                pending += events.compactMap { if case let .send(bytes, _) = $0 { (false, bytes) } else { nil } }
                events = b.advance(to: now)
                bEvents += events
                pending += events.compactMap { if case let .send(bytes, _) = $0 { (true, bytes) } else { nil } }
                while !pending.isEmpty {
                    let (toA, bytes) = pending.removeFirst()
                    if toA {
                        guard deliverToA else { continue }
                        let out = a.handle(bytes[...], from: bAddress, now: now)
                        aEvents += out
                        pending += out.compactMap { if case let .send(bytes, _) = $0 { (false, bytes) } else { nil } }
                    } else {
                        guard deliverToB else { continue }
                        let out = b.handle(bytes[...], from: aAddress, now: now)
                        bEvents += out
                        pending += out.compactMap { if case let .send(bytes, _) = $0 { (true, bytes) } else { nil } }
                    }
                }
                now += step
            }
        }
    }

    static func link(aRole: ICEAgent.Role, bRole: ICEAgent.Role, aTie: UInt64 = 10, bTie: UInt64 = 20) -> Link {
        let aAddress = STUNAddress(ip: [127, 0, 0, 1], port: 40_000), bAddress = STUNAddress(ip: [127, 0, 0, 1], port: 40_001)
        var a = ICEAgent(local: local, remote: remote, role: aRole, tieBreaker: aTie)
        var b = ICEAgent(local: remote, remote: local, role: bRole, tieBreaker: bTie)
        a.addRemoteCandidate(ICECandidate(foundation: "1", priority: 2_130_706_431, address: bAddress, type: "host"))
        b.addRemoteCandidate(ICECandidate(foundation: "1", priority: 2_130_706_431, address: aAddress, type: "host"))
        return Link(a: a, b: b, aAddress: aAddress, bAddress: bAddress)
    }

    @Test func answersAValidCheckWithTheAddressItCameFrom() throws {
        var agent = Self.agent()
        let events = agent.handle(Self.check()[...], from: Self.peer, now: 0)
        guard case let .send(bytes, to)? = events.first, events.count == 1 else {
            Issue.record("one response expected: \(events)")
            return
        }
        #expect(to == Self.peer)
        let response = try STUNMessage(parsing: bytes[...])
        #expect(response.messageClass == .success && response.transactionID == Array(repeating: 1, count: 12))
        #expect(response.xorMappedAddress == Self.peer)
        #expect(STUNMessage.verifyIntegrity(of: bytes[...], key: Array(Self.local.password.utf8)))
        #expect(agent.selected == nil && !agent.accepts(from: Self.peer))
        #expect(agent.statistics.requestsAnswered == 1)
    }

    @Test(arguments: [
        ("wrong ufrag", check(username: "nope:brow"), "wrongUsername"),
        ("wrong remote ufrag", check(username: "tess:eve"), "wrongUsername"),
        ("wrong password", check(key: "guess"), "badIntegrity"),
        ("not STUN", [UInt8](repeating: 0x80, count: 40), "malformed"),
        ("a response to nothing", STUNMessage(messageClass: .success, transactionID: Array(repeating: 9, count: 12)).serialize(), "unmatchedResponses"),
    ])
    func badChecksAreDroppedAndCounted(name: String, datagram: [UInt8], counter: String) {
        var agent = Self.agent()
        #expect(agent.handle(datagram[...], from: Self.peer, now: 0).isEmpty, "\(name)")
        let counts = ["wrongUsername": agent.statistics.wrongUsername, "badIntegrity": agent.statistics.badIntegrity,
                      "malformed": agent.statistics.malformed, "unmatchedResponses": agent.statistics.unmatchedResponses]
        #expect(counts[counter] == 1, "\(name)")
        #expect(agent.statistics.requestsAnswered == 0)
    }

    @Test func nominationSelectsThePairAndOnlyItsMediaIsAccepted() {
        var agent = Self.agent()
        _ = agent.handle(Self.check()[...], from: Self.other, now: 0)
        let events = agent.handle(Self.check(nominate: true, id: 2)[...], from: Self.peer, now: 1_000)
        #expect(events.last == .selected(Self.peer))
        #expect(agent.accepts(from: Self.peer) && !agent.accepts(from: Self.other))
        // A second nomination of the same pair is not news.
        #expect(agent.handle(Self.check(nominate: true, id: 3)[...], from: Self.peer, now: 2_000).count == 1)
    }

    /// Chromium may nominate a second pair and move between them: both stay
    /// accepted, media goes to the latest, and nothing else is let in.
    @Test func aSecondNominationMovesTheSelectionAndKeepsTheFirstAccepted() {
        var agent = Self.agent()
        _ = agent.handle(Self.check(nominate: true)[...], from: Self.peer, now: 0)
        let events = agent.handle(Self.check(nominate: true, id: 2)[...], from: Self.other, now: 1_000)
        #expect(events.last == .selected(Self.other) && agent.selected == Self.other)
        #expect(agent.accepts(from: Self.peer) && agent.accepts(from: Self.other))
        #expect(!agent.accepts(from: STUNAddress(ip: [127, 0, 0, 1], port: 50_004)))
        #expect(agent.handle(Self.check(nominate: true, id: 3)[...], from: Self.peer, now: 2_000).last == .selected(Self.peer))
    }

    @Test func consentKeepsThePairAndItsAbsenceEndsIt() {
        var agent = Self.agent()
        _ = agent.handle(Self.check(nominate: true)[...], from: Self.peer, now: 0)
        var now: Int64 = 0
        for step in 1...10 {  // a check every 5 s keeps consent
            now = Int64(step) * 5_000_000
            #expect(Self.nonSends(agent.advance(to: now)).isEmpty)
            _ = agent.handle(Self.check(id: UInt8(step + 10))[...], from: Self.peer, now: now)
        }
        #expect(Self.nonSends(agent.advance(to: now + 29_000_000)).isEmpty)
        #expect(agent.advance(to: now + 30_000_000) == [.consentLost(Self.peer)])
        #expect(agent.selected == nil && !agent.accepts(from: Self.peer))
        // Checks from elsewhere do not refresh consent for the selected pair.
        var other = Self.agent()
        _ = other.handle(Self.check(nominate: true)[...], from: Self.peer, now: 0)
        _ = other.handle(Self.check(id: 7)[...], from: Self.other, now: 20_000_000)
        #expect(other.advance(to: 30_000_000) == [.consentLost(Self.peer)])
    }

    @Test func roleConflictsFollowTheTieBreaker() throws {
        // Both controlled: the larger tie-breaker takes the controlling role.
        var winner = ICEAgent(local: Self.local, remote: Self.remote, tieBreaker: 100)
        let answer = winner.handle(Self.check(role: .iceControlled(tieBreaker: 7))[...], from: Self.peer, now: 0)
        #expect(winner.role == .controlling)
        guard case let .send(bytes, _)? = answer.first else { Issue.record("no answer"); return }
        #expect(try STUNMessage(parsing: bytes[...]).messageClass == .success)

        var loser = ICEAgent(local: Self.local, remote: Self.remote, tieBreaker: 3)
        let conflict = loser.handle(Self.check(role: .iceControlled(tieBreaker: 7))[...], from: Self.peer, now: 0)
        #expect(loser.role == .controlled)
        guard case let .send(errorBytes, _)? = conflict.first else { Issue.record("no answer"); return }
        #expect(try STUNMessage(parsing: errorBytes[...]).errorCode?.code == 487)
        #expect(loser.statistics.roleConflicts == 1)
    }

    /// tessera offering (controlling) to a full ICE peer: its own checks
    /// succeed, it nominates the pair, and both ends select it.
    @Test func controllingAgentChecksNominatesAndSelects() {
        var link = Self.link(aRole: .controlling, bRole: .controlled)
        link.run(from: 0, to: 500_000)
        #expect(link.a.selected == link.bAddress && link.b.selected == link.aAddress)
        #expect(Self.nonSends(link.aEvents) == [.selected(link.bAddress)])
        #expect(Self.nonSends(link.bEvents) == [.selected(link.aAddress)])
        #expect(link.a.statistics.checksSucceeded >= 2 && link.a.statistics.badIntegrity == 0 && link.b.statistics.badIntegrity == 0)
    }

    /// Both sides think they control: the 487 answer and the tie-breaker settle it, and the call still connects.
    @Test func aRoleConflictIsSettledAndTheCallConnects() {
        var link = Self.link(aRole: .controlling, bRole: .controlling, aTie: 5, bTie: 9)
        link.run(from: 0, to: 1_000_000)
        #expect(link.a.role == .controlled && link.b.role == .controlling)
        #expect(link.a.selected == link.bAddress && link.b.selected == link.aAddress)
        #expect(link.a.statistics.roleConflicts + link.b.statistics.roleConflicts >= 1)
    }

    /// Consent freshness: checks every 5 s keep the pair; when the peer
    /// vanishes (nothing delivered either way), the pair is lost within 30 s.
    @Test func aVanishedPeerIsDetectedWithin30Seconds() {
        var link = Self.link(aRole: .controlling, bRole: .controlled)
        link.run(from: 0, to: 20_000_000, step: 50_000)
        #expect(link.a.selected == link.bAddress)
        #expect(!link.aEvents.contains { if case .consentLost = $0 { true } else { false } }, "20 s of answered consent checks keep the pair")
        let checks = link.a.statistics.checksSent
        #expect(checks >= 5, "a consent check about every 5 s: \(checks)")
        link.deliverToA = false
        link.deliverToB = false
        link.run(from: 20_050_000, to: 51_000_000, step: 50_000)
        let lost = link.aEvents.contains { if case .consentLost(link.bAddress) = $0 { true } else { false } }
        #expect(lost && link.a.selected == nil && !link.a.accepts(from: link.bAddress))
    }

    /// A trickled candidate (RFC 8838) is checked by the controlled side too,
    /// and a check from an unsignalled address becomes a peer-reflexive pair.
    @Test func trickledAndPeerReflexiveCandidatesAreChecked() throws {
        var agent = Self.agent()
        agent.addRemoteCandidate(try ICECandidate(parsing: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0"))
        let first = agent.advance(to: 0)
        guard case let .send(bytes, to)? = first.first else { Issue.record("a check: \(first)"); return }
        let check = try STUNMessage(parsing: bytes[...])
        #expect(to == Self.peer && check.messageClass == .request && check.username == "brow:tess")
        #expect(check.attributes.contains(.iceControlled(tieBreaker: 1)))
        #expect(STUNMessage.verifyIntegrity(of: bytes[...], key: Array(Self.remote.password.utf8)))
        // A check from somewhere new is answered and checked back next.
        _ = agent.handle(Self.check(id: 4)[...], from: Self.other, now: 10_000)
        let next = agent.advance(to: 60_000)
        #expect(next.contains { if case .send(_, Self.other) = $0 { true } else { false } })
    }
}
