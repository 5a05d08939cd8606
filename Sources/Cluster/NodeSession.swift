import Foundation
import Synchronization

/// This node's standing in the registry, read by every write of the shared
/// store: its id, its current epoch, and whether its lease holds. Changed
/// only by the lease loop.
public final class NodeSession: Sendable {
    public let nodeID: String
    public let url: String
    private let state: Mutex<(keeper: LeaseKeeper, epoch: Int64?)>
    private let started = ContinuousClock.now
    private let leaving = Mutex(false)

    /// Set once the node leaves at a graceful stop: its loops end without joining again.
    public var isLeaving: Bool { leaving.withLock { $0 } }
    func leave() { leaving.withLock { $0 = true } }

    public init(nodeID: String, url: String, renewEvery: Double, lifetime: Double) {
        self.nodeID = nodeID
        self.url = url
        state = Mutex((LeaseKeeper(renewEvery: renewEvery, lifetime: lifetime), nil))
    }

    /// Seconds since this session was made, on a monotonic clock.
    public var now: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    public var lifetime: Double { state.withLock { $0.keeper.lifetime } }
    public var renewEvery: Double { state.withLock { $0.keeper.renewEvery } }

    /// The epoch writes carry, or nil while fenced.
    public var writableEpoch: Int64? {
        let now = self.now
        return state.withLock { $0.keeper.isFenced(at: now) ? nil : $0.epoch }
    }

    public var isFenced: Bool { writableEpoch == nil }

    func next() -> LeaseKeeper.Action {
        let now = self.now
        return state.withLock { $0.keeper.next(at: now) }
    }

    func joined(epoch: Int64, sentAt: Double) { state.withLock { $0.epoch = epoch; $0.keeper.confirmed(sentAt: sentAt) } }
    func renewed(sentAt: Double) { state.withLock { $0.keeper.confirmed(sentAt: sentAt) } }
    func lost() {
        let now = self.now
        state.withLock { $0.keeper.lost(at: now) }
    }
    func failed() {
        let now = self.now
        state.withLock { $0.keeper.failed(at: now) }
    }
    var epoch: Int64? { state.withLock { $0.epoch } }
}
