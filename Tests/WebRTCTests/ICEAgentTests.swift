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
        ("a response", STUNMessage(messageClass: .success, transactionID: Array(repeating: 9, count: 12)).serialize(), "ignored"),
    ])
    func badChecksAreDroppedAndCounted(name: String, datagram: [UInt8], counter: String) {
        var agent = Self.agent()
        #expect(agent.handle(datagram[...], from: Self.peer, now: 0).isEmpty, "\(name)")
        let counts = ["wrongUsername": agent.statistics.wrongUsername, "badIntegrity": agent.statistics.badIntegrity,
                      "malformed": agent.statistics.malformed, "ignored": agent.statistics.ignored]
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
            #expect(agent.advance(to: now).isEmpty)
            _ = agent.handle(Self.check(id: UInt8(step + 10))[...], from: Self.peer, now: now)
        }
        #expect(agent.advance(to: now + 29_000_000).isEmpty)
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
}
