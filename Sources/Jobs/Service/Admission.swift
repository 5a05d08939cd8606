import APIModel
import Synchronization
import Telemetry

/// Admission control by cost, and the one place the running load changes.
/// Work (a job, an import) reserves its cost before it starts and holds the
/// `Reservation` while it runs; the reservation gives the cost back exactly
/// once, when released or when dropped, however the work ends.
public final class Admission: Sendable {
    public struct Settings: Sendable {
        /// Sum of `JobCost`s that may run at once.
        public var capacity: Int
        /// Below this many free bytes where the data lives, new work is refused.
        public var diskFloorBytes: Int64
        public var dataDirectory: String
        public var freeBytes: @Sendable (String) -> Int64?
    }

    private struct State {
        var load = 0
        var accepting = true
    }

    public let settings: Settings
    private let state = Mutex(State())
    private let onRefusal: @Sendable () -> Void

    public init(settings: Settings, onRefusal: @escaping @Sendable () -> Void = {}) {
        self.settings = settings
        self.onRefusal = onRefusal
    }

    /// Capacity units held by running work.
    public var load: Int { state.withLock { $0.load } }
    public var isAccepting: Bool { state.withLock { $0.accepting } }

    /// From now on every reservation is refused (the server is shutting down).
    public func stopAccepting() { state.withLock { $0.accepting = false } }

    /// Reserves `cost`, or refuses: 503 while shutting down or when the
    /// capacity is taken (with Retry-After), 507 below the disk floor.
    public func reserve(cost: Int) throws(ServiceError) -> Reservation {
        guard isAccepting else { throw ServiceError(status: 503, code: "shutting_down", message: "the server is shutting down", retryAfter: 30) }
        if let free = settings.freeBytes(settings.dataDirectory), free < settings.diskFloorBytes {
            refused()
            throw ServiceError(status: 507, code: "insufficient_storage", message: "only \(free) bytes free, below the floor of \(settings.diskFloorBytes)")
        }
        let taken: Int? = state.withLock { state in
            guard state.load + cost <= settings.capacity else { return state.load }
            state.load += cost
            return nil
        }
        if let taken {
            refused()
            throw ServiceError(status: 503, code: "at_capacity",
                               message: "running jobs use \(taken) of \(settings.capacity) capacity units; this one needs \(cost)", retryAfter: 30)
        }
        return Reservation(cost: cost, admission: self)
    }

    /// Reserves `cost` if it fits, for work this node takes of its own
    /// accord (a shared queue's job): no fit is no refusal, the work waits.
    public func reserveIfFree(cost: Int) -> Reservation? {
        guard isAccepting else { return nil }
        if let free = settings.freeBytes(settings.dataDirectory), free < settings.diskFloorBytes { return nil }
        let fits = state.withLock { state in
            guard state.load + cost <= settings.capacity else { return false }
            state.load += cost
            return true
        }
        return fits ? Reservation(cost: cost, admission: self) : nil
    }

    /// Takes work accepted before a restart: counted even past the
    /// capacity, never refused (it was admitted once already).
    public func readmit(cost: Int) -> Reservation {
        state.withLock { $0.load += cost }
        return Reservation(cost: cost, admission: self)
    }

    fileprivate func give(_ cost: Int) { state.withLock { $0.load = Swift.max(0, $0.load - cost) } }

    private func refused() {
        onRefusal()
        Limit.admission.count()
    }
}

/// A share of the capacity, held while its work runs.
public final class Reservation: Sendable {
    public let cost: Int
    private let admission: Admission
    private let released = Atomic<Bool>(false)

    fileprivate init(cost: Int, admission: Admission) {
        self.cost = cost
        self.admission = admission
    }

    /// Gives the cost back; later calls do nothing.
    public func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        admission.give(cost)
    }

    deinit { release() }
}
