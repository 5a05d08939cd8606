/// A username fragment and password (RFC 8445 §5.3), from SDP's
/// `a=ice-ufrag` / `a=ice-pwd`.
public struct ICECredentials: Equatable, Sendable {
    public var ufrag: String
    public var password: String

    public init(ufrag: String, password: String) {
        self.ufrag = ufrag
        self.password = password
    }
}

/// A full ICE agent (RFC 8445) for one component over one local socket,
/// sans-I/O: datagrams and the time come in, datagrams to send and events
/// come out.
///
/// - It answers the peer's Binding requests (§7.3) and sends a triggered
///   check back (§7.3.1.4); it checks every remote candidate it learns (from
///   the SDP or trickled, RFC 8838), one new check per pacing interval Ta
///   (§14.2), retransmitting with a doubling timeout.
/// - Controlled (answering a browser): the pair the peer nominates with
///   USE-CANDIDATE (§8.1) is selected. A browser may nominate more than one
///   and move between them: media is accepted from every nominated pair and
///   sent to the latest.
/// - Controlling (when tessera offers, or faces an ICE-lite server): the
///   first pair whose check succeeds is nominated with a USE-CANDIDATE
///   check and selected when that succeeds (regular nomination, §8.1.1).
/// - Role conflicts follow the tie-breaker (§7.3.1.1).
/// - Consent freshness (RFC 7675): once a pair is selected it is checked
///   every 5 s; a peer that neither answers nor checks for 30 s is lost.
///
/// Requests with a wrong username or integrity, and responses that match no
/// transaction or fail integrity, are dropped and counted, never answered.
public struct ICEAgent: Sendable {
    public enum Role: Sendable { case controlled, controlling }

    public enum Event: Equatable, Sendable {
        case send([UInt8], to: STUNAddress)
        /// The nominated pair: media from now on goes to and comes from here.
        case selected(STUNAddress)
        /// No consent from the selected address for `consentTimeout`.
        case consentLost(STUNAddress)
    }

    public struct Statistics: Equatable, Sendable {
        public var requestsAnswered = 0
        public var malformed = 0
        public var wrongUsername = 0
        public var badIntegrity = 0
        public var roleConflicts = 0
        public var ignored = 0
        public var checksSent = 0
        public var checksSucceeded = 0
        public var checksFailed = 0
        public var unmatchedResponses = 0
    }

    enum PairState: Equatable, Sendable { case waiting, inProgress, succeeded, failed }

    struct Pair: Sendable {
        var remote: STUNAddress
        var remotePriority: UInt32
        var state: PairState = .waiting
        var transaction: [UInt8] = []
        var sentAt: Int64 = 0
        var attempts = 0
        var nominating = false
        var triggered = false
    }

    /// RFC 7675 §5.1: consent expires 30 s after the last proof of it.
    public static let defaultConsentTimeoutMicros: Int64 = 30_000_000
    public var consentTimeoutMicros: Int64 = ICEAgent.defaultConsentTimeoutMicros
    /// RFC 7675 §5.1: consent checks about every 5 s.
    public static let consentIntervalMicros: Int64 = 5_000_000
    /// RFC 8445 §14.2: one new check per Ta (50 ms is the WebRTC norm).
    public static let pacingMicros: Int64 = 50_000
    static let firstTimeoutMicros: Int64 = 250_000
    static let maximumAttempts = 6
    static let maximumPairs = 32
    /// RFC 8445 §5.1.2.1: what we would be as a peer-reflexive candidate.
    static let ourPriority: UInt32 = (110 << 24) | (65_535 << 8) | 255

    public let local: ICECredentials
    public var remote: ICECredentials?
    public private(set) var role: Role
    public let tieBreaker: UInt64
    /// Where media goes: the most recently nominated pair.
    public private(set) var selected: STUNAddress?
    /// Every pair that was nominated; media is accepted from all of them.
    public private(set) var nominated: Set<STUNAddress> = []
    public private(set) var statistics = Statistics()
    /// Addresses that sent an authenticated check or answered ours: DTLS may
    /// come from them before one is nominated.
    public private(set) var validated: Set<STUNAddress> = []
    /// The most recent of `validated`.
    public private(set) var lastValidated: STUNAddress?
    private(set) var pairs: [Pair] = []
    private var lastConsent: Int64 = 0
    private var lastPacedCheck: Int64 = -1_000_000_000
    private var lastConsentCheck: Int64 = 0
    private var transactionCounter: UInt64 = 0

    public init(local: ICECredentials, remote: ICECredentials? = nil, role: Role = .controlled, tieBreaker: UInt64) {
        self.local = local
        self.remote = remote
        self.role = role
        self.tieBreaker = tieBreaker
    }

    /// Whether media from `address` is to be accepted: only from nominated pairs.
    public func accepts(from address: STUNAddress) -> Bool { nominated.contains(address) }

    public func isValidated(_ address: STUNAddress) -> Bool { validated.contains(address) }

    /// A remote candidate from the SDP or a trickled fragment: it is checked.
    public mutating func addRemoteCandidate(_ candidate: ICECandidate) {
        guard candidate.address.isCheckable else {
            statistics.ignored += 1
            return
        }
        guard !pairs.contains(where: { $0.remote == candidate.address }), pairs.count < Self.maximumPairs else { return }
        pairs.append(Pair(remote: candidate.address, remotePriority: candidate.priority))
        // Highest priority first (§6.1.2.3; one local candidate, so the remote's priority orders the pairs).
        pairs.sort { $0.remotePriority > $1.remotePriority }
    }

    /// Takes one STUN datagram that arrived from `address`.
    public mutating func handle(_ datagram: ArraySlice<UInt8>, from address: STUNAddress, now: Int64) -> [Event] {
        guard let message = try? STUNMessage(parsing: datagram) else {
            statistics.malformed += 1
            return []
        }
        guard message.method == STUNMessage.binding else {
            statistics.ignored += 1
            return []
        }
        switch message.messageClass {
        case .request: return handleRequest(message, datagram, from: address, now: now)
        case .success, .error: return handleResponse(message, datagram, from: address, now: now)
        default:
            statistics.ignored += 1
            return []
        }
    }

    /// Lets time pass: paced checks, retransmissions, consent checks, and
    /// the end of a pair whose consent ran out.
    public mutating func advance(to now: Int64) -> [Event] {
        if let current = selected, now - lastConsent >= consentTimeoutMicros {
            selected = nil
            nominated.removeAll()
            return [.consentLost(current)]
        }
        var events: [Event] = []
        // Retransmit or fail checks in flight.
        for index in pairs.indices where pairs[index].state == .inProgress {
            let timeout = Self.firstTimeoutMicros << Swift.min(pairs[index].attempts - 1, 4)
            guard now - pairs[index].sentAt >= timeout else { continue }
            if pairs[index].attempts >= Self.maximumAttempts {
                pairs[index].state = .failed
                statistics.checksFailed += 1
            } else {
                events.append(sendCheck(index, now: now, newTransaction: false))
            }
        }
        // One new check per pacing interval: triggered ones first, then the highest-priority waiting pair.
        if remote != nil, now - lastPacedCheck >= Self.pacingMicros,
           let index = pairs.firstIndex(where: { $0.state == .waiting && $0.triggered }) ?? pairs.firstIndex(where: { $0.state == .waiting }) {
            lastPacedCheck = now
            events.append(sendCheck(index, now: now, newTransaction: true))
        }
        // Consent freshness on the selected pair.
        // Every 5 s, or often enough for a shorter timeout to be met by two answered checks.
        if let current = selected, now - lastConsentCheck >= Swift.min(Self.consentIntervalMicros, consentTimeoutMicros / 3),
           let index = pairs.firstIndex(where: { $0.remote == current }), pairs[index].state != .inProgress {
            lastConsentCheck = now
            pairs[index].nominating = role == .controlling
            events.append(sendCheck(index, now: now, newTransaction: true))
        }
        return events
    }

    // MARK: - Requests from the peer

    private mutating func handleRequest(_ message: STUNMessage, _ datagram: ArraySlice<UInt8>, from address: STUNAddress, now: Int64) -> [Event] {
        // The username is "receiver:sender" (RFC 8445 §7.2.2): ours comes first.
        guard let username = message.username, username.hasPrefix(local.ufrag + ":"),
              remote.map({ username == local.ufrag + ":" + $0.ufrag }) ?? true else {
            statistics.wrongUsername += 1
            return []
        }
        guard STUNMessage.verifyIntegrity(of: datagram, key: Array(local.password.utf8)) else {
            statistics.badIntegrity += 1
            return []
        }
        if let conflict = roleConflict(in: message) {
            statistics.roleConflicts += 1
            if conflict == .answer487 {
                return [.send(response(to: message, error: (487, "Role Conflict")), to: address)]
            }
        }
        var events: [Event] = [.send(response(to: message, mappedAddress: address), to: address)]
        statistics.requestsAnswered += 1
        validate(address)
        // A peer-reflexive or not yet signalled candidate: learn it and check it back (§7.3.1.3, §7.3.1.4).
        if !pairs.contains(where: { $0.remote == address }) {
            addRemoteCandidate(ICECandidate(foundation: "prflx", priority: message.priority ?? 0, address: address, type: "prflx"))
        }
        if let index = pairs.firstIndex(where: { $0.remote == address }), pairs[index].state == .waiting || pairs[index].state == .failed {
            pairs[index].state = .waiting
            pairs[index].triggered = true
        }
        if role == .controlled, message.hasUseCandidate, selected != address, nominated.contains(address) || nominated.count < 8 {
            events += select(address, now: now)
        }
        if nominated.contains(address) { lastConsent = now }
        return events
    }

    // MARK: - Responses to our checks

    private mutating func handleResponse(_ message: STUNMessage, _ datagram: ArraySlice<UInt8>, from address: STUNAddress, now: Int64) -> [Event] {
        guard let index = pairs.firstIndex(where: { $0.state == .inProgress && $0.transaction == message.transactionID }) else {
            statistics.unmatchedResponses += 1
            return []
        }
        // Responses are signed with the peer's password (§7.2.5.2.3); the source must be where we sent (§7.2.5.2.1).
        guard let remote, STUNMessage.verifyIntegrity(of: datagram, key: Array(remote.password.utf8)) else {
            statistics.badIntegrity += 1
            return []
        }
        guard address == pairs[index].remote else {
            statistics.unmatchedResponses += 1
            return []
        }
        if message.messageClass == .error {
            if message.errorCode?.code == 487 {
                // §7.2.5.1: switch roles and check again.
                statistics.roleConflicts += 1
                role = role == .controlling ? .controlled : .controlling
                pairs[index].state = .waiting
                pairs[index].triggered = true
            } else {
                pairs[index].state = .failed
                statistics.checksFailed += 1
            }
            return []
        }
        let wasNominating = pairs[index].nominating
        pairs[index].state = .succeeded
        statistics.checksSucceeded += 1
        validate(address)
        if nominated.contains(address) { lastConsent = now }
        guard role == .controlling else { return [] }
        if wasNominating {
            return selected == address ? [] : select(address, now: now)
        }
        // Regular nomination: the first pair that works is nominated at once.
        if nominated.isEmpty && !pairs.contains(where: \.nominating) {
            pairs[index].nominating = true
            return [sendCheck(index, now: now, newTransaction: true)]
        }
        return []
    }

    // MARK: - Helpers

    private mutating func select(_ address: STUNAddress, now: Int64) -> [Event] {
        nominated.insert(address)
        selected = address
        lastConsent = now
        lastConsentCheck = now
        return [.selected(address)]
    }

    private mutating func validate(_ address: STUNAddress) {
        if validated.count < 64 { validated.insert(address) }
        lastValidated = address
    }

    private mutating func sendCheck(_ index: Int, now: Int64, newTransaction: Bool) -> Event {
        if newTransaction || pairs[index].transaction.isEmpty {
            transactionCounter &+= 1
            var id = [UInt8](repeating: 0, count: 12)
            var random = SystemRandomNumberGenerator()
            for i in 0..<4 { id[i] = UInt8.random(in: 0...255, using: &random) }
            for i in 0..<8 { id[4 + i] = UInt8(truncatingIfNeeded: transactionCounter >> (8 * i)) }
            pairs[index].transaction = id
            pairs[index].attempts = 0
        }
        pairs[index].state = .inProgress
        pairs[index].attempts += 1
        pairs[index].sentAt = now
        pairs[index].triggered = false
        statistics.checksSent += 1
        let remote = self.remote ?? ICECredentials(ufrag: "", password: "")
        var attributes: [STUNAttribute] = [.username(remote.ufrag + ":" + local.ufrag), .priority(Self.ourPriority)]
        attributes.append(role == .controlling ? .iceControlling(tieBreaker: tieBreaker) : .iceControlled(tieBreaker: tieBreaker))
        if role == .controlling && pairs[index].nominating { attributes.append(.useCandidate) }
        let request = STUNMessage(messageClass: .request, transactionID: pairs[index].transaction, attributes: attributes)
        return .send(request.serialize(integrityKey: Array(remote.password.utf8)), to: pairs[index].remote)
    }

    private enum Conflict { case switchedRole, answer487 }

    /// RFC 8445 §7.3.1.1: both sides think they have the same role; the
    /// larger tie-breaker wins the controlling role.
    private mutating func roleConflict(in message: STUNMessage) -> Conflict? {
        for attribute in message.attributes {
            switch (attribute, role) {
            case let (.iceControlling(theirs), .controlling):
                if tieBreaker >= theirs { return .answer487 }
                role = .controlled
                return .switchedRole
            case let (.iceControlled(theirs), .controlled):
                if tieBreaker >= theirs {
                    role = .controlling
                    return .switchedRole
                }
                return .answer487
            default:
                continue
            }
        }
        return nil
    }

    private func response(to request: STUNMessage, mappedAddress: STUNAddress) -> [UInt8] {
        STUNMessage(messageClass: .success, transactionID: request.transactionID, attributes: [.xorMappedAddress(mappedAddress)])
            .serialize(integrityKey: Array(local.password.utf8))
    }

    private func response(to request: STUNMessage, error: (Int, String)) -> [UInt8] {
        STUNMessage(messageClass: .error, transactionID: request.transactionID, attributes: [.errorCode(code: error.0, reason: error.1)])
            .serialize(integrityKey: Array(local.password.utf8))
    }
}

extension STUNAddress {
    /// Whether connectivity checks may go to this address: not port 0, and
    /// not an unspecified, broadcast or multicast address (RFC 8445 §5.1.1.1
    /// gathers only unicast addresses, so a peer naming another is lying, and
    /// our checks would go to a whole group).
    public var isCheckable: Bool {
        guard port != 0 else { return false }
        switch ip.count {
        case 4: return !(ip.allSatisfy { $0 == 0 } || ip.allSatisfy { $0 == 255 } || (224...239).contains(ip[0]))
        case 16: return !(ip.allSatisfy { $0 == 0 } || ip[0] == 0xff)
        default: return false
        }
    }
}
