/// Which Janus VideoRoom feeds tessera subscribes to, without I/O: events
/// from Janus come in, the steps to take come out. Each publisher gets a
/// subscriber handle of its own, so each is a connection and a participant
/// of the recording's room, named by its Janus display name. A publisher
/// that leaves is hung up; one that comes back under the same display name
/// is the same participant again (its tile comes back where it was).
public struct JanusSubscriptions: Sendable {
    public enum Action: Equatable, Sendable {
        /// Attach a new handle for this feed (its id comes back through `attached`).
        case attach(feed: JanusID)
        /// Subscribe this handle to the feed.
        case subscribe(handle: UInt64, feed: JanusID)
        /// Answer Janus's offer: a new call from this participant.
        case answer(handle: UInt64, offer: String, participantID: String, name: String?)
        /// Answer a new offer on a live call (streams added or removed).
        case renegotiate(handle: UInt64, ufrag: String, offer: String)
        /// End our side of a call: its tracks end in the dump.
        case hangUp(ufrag: String, reason: String)
        case detach(handle: UInt64)
    }

    enum Phase: Equatable, Sendable {
        case attaching
        case subscribing(handle: UInt64)
        case connected(handle: UInt64, ufrag: String)
    }

    struct Feed: Sendable {
        var display: String?
        var participantID: String
        var phase: Phase
        var attempts = 1
    }

    /// How often one feed is subscribed again after Janus hung its subscription up.
    public static let maximumAttempts = 3

    private(set) var feeds: [JanusID: Feed] = [:]
    /// Display name → participant, kept after a publisher leaves.
    private var participantsByName: [String: String] = [:]
    /// Our own feed id (the watching handle's), never subscribed to.
    public var ownFeed: JanusID?

    public init() {}

    /// The feeds subscribed to or on their way, for tests and logs.
    public var feedIDs: Set<JanusID> { Set(feeds.keys) }

    /// Publishers Janus listed (when we joined, or as they start publishing).
    public mutating func listed(_ publishers: [JanusPublisher]) -> [Action] {
        var actions: [Action] = []
        for publisher in publishers where publisher.hasMedia && publisher.id != ownFeed && feeds[publisher.id] == nil {
            feeds[publisher.id] = Feed(display: publisher.display, participantID: participant(for: publisher), phase: .attaching)
            actions.append(.attach(feed: publisher.id))
        }
        return actions
    }

    /// A feed stopped publishing or left the room.
    public mutating func gone(_ feed: JanusID, reason: String) -> [Action] {
        guard let removed = feeds.removeValue(forKey: feed) else { return [] }
        return Self.teardown(removed.phase, reason: reason)
    }

    /// The handle attached for `feed`: subscribe it, or let it go if the feed left meanwhile.
    public mutating func attached(feed: JanusID, handle: UInt64) -> [Action] {
        guard var entry = feeds[feed], entry.phase == .attaching else { return [.detach(handle: handle)] }
        entry.phase = .subscribing(handle: handle)
        feeds[feed] = entry
        return [.subscribe(handle: handle, feed: feed)]
    }

    /// Attaching or subscribing failed: the feed is dropped (a later listing may bring it back).
    public mutating func failed(feed: JanusID) -> [Action] {
        guard let removed = feeds.removeValue(forKey: feed) else { return [] }
        return Self.teardown(removed.phase, reason: "the subscription failed")
    }

    /// A subscribed handle failed (Janus refused the subscription, or our answer to its offer).
    public mutating func failed(handle: UInt64) -> [Action] {
        guard let feed = feed(of: handle) else { return [] }
        return failed(feed: feed)
    }

    /// Janus offered on a handle: a first offer is a new call, a later one a renegotiation.
    public func offered(handle: UInt64, sdp: String) -> [Action] {
        guard let (_, entry) = feeds.first(where: { $0.value.phase.handle == handle }) else { return [.detach(handle: handle)] }
        switch entry.phase {
        case .attaching: return []
        case .subscribing: return [.answer(handle: handle, offer: sdp, participantID: entry.participantID, name: entry.display)]
        case let .connected(_, ufrag): return [.renegotiate(handle: handle, ufrag: ufrag, offer: sdp)]
        }
    }

    /// Our answer went out and the connection runs as `ufrag`.
    public mutating func connected(handle: UInt64, ufrag: String) {
        guard let feed = feed(of: handle) else { return }
        feeds[feed]?.phase = .connected(handle: handle, ufrag: ufrag)
    }

    /// Janus hung a subscription up (ICE or DTLS failed there): ours ends
    /// too, and the feed, still publishing, is subscribed again a few times.
    public mutating func hungUp(handle: UInt64, reason: String) -> [Action] {
        guard let feed = feed(of: handle), var entry = feeds[feed] else { return [] }
        var actions = Self.teardown(entry.phase, reason: "Janus hung up: \(reason)")
        if entry.attempts < Self.maximumAttempts {
            entry.attempts += 1
            entry.phase = .attaching
            feeds[feed] = entry
            actions.append(.attach(feed: feed))
        } else {
            feeds[feed] = nil
        }
        return actions
    }

    /// Every call ends (the recording stops).
    public mutating func endAll(reason: String) -> [Action] {
        let actions = feeds.values.flatMap { Self.teardown($0.phase, reason: reason) }
        feeds.removeAll()
        return actions
    }

    private func feed(of handle: UInt64) -> JanusID? { feeds.first { $0.value.phase.handle == handle }?.key }

    private mutating func participant(for publisher: JanusPublisher) -> String {
        let fresh = "janus-\(publisher.id)"
        guard let name = publisher.display, !name.isEmpty else { return fresh }
        // Two publishers live under one name are two participants.
        if let known = participantsByName[name], !feeds.values.contains(where: { $0.participantID == known }) { return known }
        if participantsByName[name] == nil { participantsByName[name] = fresh }
        return fresh
    }

    private static func teardown(_ phase: Phase, reason: String) -> [Action] {
        switch phase {
        case .attaching: []
        case let .subscribing(handle): [.detach(handle: handle)]
        case let .connected(handle, ufrag): [.hangUp(ufrag: ufrag, reason: reason), .detach(handle: handle)]
        }
    }
}

extension JanusSubscriptions.Phase {
    var handle: UInt64? {
        switch self {
        case .attaching: nil
        case let .subscribing(handle), let .connected(handle, _): handle
        }
    }
}
