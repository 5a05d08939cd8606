import Testing
@testable import Cluster

/// The lease rules on a clock the test moves: renew on time, fence when
/// no renewal was confirmed for a lifetime, join again when the registry
/// lost the node.
@Suite struct LeaseKeeperTests {
    @Test func aNodeRenewsOnTimeAndFencesItselfWhenRenewalsFail() {
        var keeper = LeaseKeeper(renewEvery: 2, lifetime: 10)
        #expect(keeper.isFenced(at: 0), "nothing is held before the first join")
        #expect(keeper.next(at: 0) == .join)
        keeper.confirmed(sentAt: 0.1)
        #expect(!keeper.isFenced(at: 0.2))
        #expect(keeper.next(at: 1) == .wait(until: 2.1))
        #expect(keeper.next(at: 2.1) == .renew)
        keeper.confirmed(sentAt: 2.1)
        // The database stops answering: retries come soon, and the lease runs out from the last confirmed send.
        keeper.failed(at: 4.1)
        #expect(keeper.next(at: 4.2) == .wait(until: 4.6))
        #expect(!keeper.isFenced(at: 12.0))
        #expect(keeper.isFenced(at: 12.1), "ten seconds after the last renewal that was confirmed")
        // A late confirmation of a renewal sent earlier does not move the lease back.
        keeper.confirmed(sentAt: 1.0)
        #expect(keeper.isFenced(at: 12.1))
    }

    @Test func aNodeTheRegistryLostIsFencedAtOnceAndJoinsAgain() {
        var keeper = LeaseKeeper(renewEvery: 2, lifetime: 10)
        keeper.confirmed(sentAt: 0)
        keeper.lost(at: 3)
        #expect(keeper.isFenced(at: 3))
        #expect(keeper.next(at: 3) == .join)
        keeper.confirmed(sentAt: 3.5)
        #expect(!keeper.isFenced(at: 4) && keeper.next(at: 4) == .wait(until: 5.5))
    }
}
