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

/// The answering side of ICE connectivity checks, sans-I/O: datagrams and
/// the time come in, datagrams to send and events come out.
///
/// It answers the peer's Binding requests (RFC 8445 §7.3), takes the pair the
/// controlling peer nominates (USE-CANDIDATE, §8.1), resolves role
/// conflicts (§7.3.1.1), and ends the session when the peer stops
/// refreshing consent for 30 s (RFC 7675 §5.1). Requests with a wrong
/// username or integrity are dropped and counted, never answered.
/// (Checks of our own, for the controlling role, are the next step.)
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
    }

    public static let consentTimeoutMicros: Int64 = 30_000_000

    public let local: ICECredentials
    public var remote: ICECredentials?
    public private(set) var role: Role
    public let tieBreaker: UInt64
    /// Where media goes: the most recently nominated pair.
    public private(set) var selected: STUNAddress?
    /// Every pair the controlling peer nominated. A browser may nominate
    /// more than one and move between them (RFC 8445 §8.1.1 lets the
    /// controlling agent change its mind); media is accepted from all of them.
    public private(set) var nominated: Set<STUNAddress> = []
    public private(set) var statistics = Statistics()
    /// Addresses that sent an authenticated check: DTLS may come from them
    /// before one is nominated.
    public private(set) var validated: Set<STUNAddress> = []
    /// The most recent of `validated`.
    public private(set) var lastValidated: STUNAddress?
    private var lastConsent: Int64 = 0

    public init(local: ICECredentials, remote: ICECredentials? = nil, role: Role = .controlled, tieBreaker: UInt64) {
        self.local = local
        self.remote = remote
        self.role = role
        self.tieBreaker = tieBreaker
    }

    /// Whether media from `address` is to be accepted: only from the selected pair.
    public func accepts(from address: STUNAddress) -> Bool { nominated.contains(address) }

    public func isValidated(_ address: STUNAddress) -> Bool { validated.contains(address) }

    /// Takes one STUN datagram that arrived from `address`.
    public mutating func handle(_ datagram: ArraySlice<UInt8>, from address: STUNAddress, now: Int64) -> [Event] {
        guard let message = try? STUNMessage(parsing: datagram) else {
            statistics.malformed += 1
            return []
        }
        guard message.messageClass == .request, message.method == STUNMessage.binding else {
            statistics.ignored += 1  // responses to our own checks come with the controlling role
            return []
        }
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
        if validated.count < 64 { validated.insert(address) }
        lastValidated = address
        if role == .controlled, message.hasUseCandidate, selected != address, nominated.contains(address) || nominated.count < 8 {
            nominated.insert(address)
            selected = address
            lastConsent = now
            events.append(.selected(address))
        }
        if nominated.contains(address) { lastConsent = now }
        return events
    }

    /// Lets time pass: a selected pair without consent for 30 s is lost.
    public mutating func advance(to now: Int64) -> [Event] {
        guard let current = selected, now - lastConsent >= Self.consentTimeoutMicros else { return [] }
        selected = nil
        nominated.removeAll()
        return [.consentLost(current)]
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
