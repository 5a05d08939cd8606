/// When a node renews its lease and when it must consider itself fenced,
/// decided from times alone (seconds on a monotonic clock) so the rules
/// can be tested without a database. The lease is measured from the moment
/// a renewal that succeeded was *sent*: the database set its expiry later
/// than that, so the node fences itself no later than the others may take
/// its jobs.
public struct LeaseKeeper: Sendable {
    public enum Action: Equatable, Sendable {
        /// Send a renewal now.
        case renew
        /// The node is not (or no longer) in the registry: join again, with a new epoch.
        case join
        /// Nothing to do until `until`.
        case wait(until: Double)
    }

    public let renewEvery: Double
    public let lifetime: Double
    /// When the last renewal (or join) that the database confirmed was sent.
    private(set) var confirmedAt: Double?
    private var nextRenewal: Double = 0
    private var mustJoin = true

    public init(renewEvery: Double, lifetime: Double) {
        self.renewEvery = renewEvery
        self.lifetime = lifetime
    }

    /// Whether the node must stop taking work and writing job state.
    public func isFenced(at now: Double) -> Bool {
        guard let confirmedAt, !mustJoin else { return true }
        return now - confirmedAt >= lifetime
    }

    public func next(at now: Double) -> Action {
        if mustJoin { return now >= nextRenewal ? .join : .wait(until: nextRenewal) }
        return now >= nextRenewal ? .renew : .wait(until: nextRenewal)
    }

    /// A join or renewal sent at `sentAt` was confirmed.
    public mutating func confirmed(sentAt: Double) {
        confirmedAt = Swift.max(confirmedAt ?? sentAt, sentAt)
        mustJoin = false
        nextRenewal = sentAt + renewEvery
    }

    /// The database answered that this node's lease is gone (reaped, or
    /// another process joined under the same id): fenced at once, join again.
    public mutating func lost(at now: Double) {
        mustJoin = true
        confirmedAt = nil
        nextRenewal = now
    }

    /// The database could not be reached: try again soon; the lease keeps
    /// running out meanwhile.
    public mutating func failed(at now: Double) {
        nextRenewal = now + Swift.min(renewEvery, 0.5)
    }
}
