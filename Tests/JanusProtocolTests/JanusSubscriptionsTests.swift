import JanusProtocol
import Testing

/// The subscription plan, driven through the situations a Janus room goes through.
struct JanusSubscriptionsTests {
    typealias Action = JanusSubscriptions.Action

    static let alice = JanusPublisher(id: .number(1), display: "alice")
    static let bob = JanusPublisher(id: .number(2), display: "bob")

    /// alice is subscribed: attach, subscribe, answer, connected.
    static func subscribed() -> JanusSubscriptions {
        var plan = JanusSubscriptions()
        plan.ownFeed = .number(99)
        _ = plan.listed([alice])
        _ = plan.attached(feed: alice.id, handle: 10)
        plan.connected(handle: 10, ufrag: "ua")
        return plan
    }

    @Test func aPublisherIsAttachedSubscribedAndAnswered() {
        var plan = JanusSubscriptions()
        plan.ownFeed = .number(99)
        #expect(plan.listed([Self.alice, JanusPublisher(id: .number(99), display: "tessera recorder"),
                             JanusPublisher(id: .number(3), display: "idle", hasMedia: false)]) == [.attach(feed: .number(1))])
        #expect(plan.listed([Self.alice]) == [], "listed twice, subscribed once")
        #expect(plan.attached(feed: .number(1), handle: 10) == [.subscribe(handle: 10, feed: .number(1))])
        #expect(plan.offered(handle: 10, sdp: "offer") == [.answer(handle: 10, offer: "offer", participantID: "janus-1", name: "alice")])
        plan.connected(handle: 10, ufrag: "ua")
        #expect(plan.offered(handle: 10, sdp: "offer 2") == [.renegotiate(handle: 10, ufrag: "ua", offer: "offer 2")])
        #expect(plan.offered(handle: 11, sdp: "stray") == [.detach(handle: 11)], "an offer on a handle we do not know")
    }

    @Test func aPublisherWhoLeavesIsHungUp() {
        var plan = Self.subscribed()
        #expect(plan.gone(.number(1), reason: "left") == [.hangUp(ufrag: "ua", reason: "left"), .detach(handle: 10)])
        #expect(plan.gone(.number(1), reason: "left") == [], "unpublished, then leaving: once")
        #expect(plan.gone(.string("ok"), reason: "left") == [])
        #expect(plan.feedIDs.isEmpty)
    }

    @Test func aPublisherWhoLeavesWhileAttachingIsLetGo() {
        var plan = JanusSubscriptions()
        _ = plan.listed([Self.bob])
        #expect(plan.gone(.number(2), reason: "left") == [])
        #expect(plan.attached(feed: .number(2), handle: 20) == [.detach(handle: 20)])
    }

    @Test func aPublisherBackUnderTheSameNameIsTheSameParticipant() {
        var plan = Self.subscribed()
        _ = plan.gone(.number(1), reason: "left")
        let back = JanusPublisher(id: .number(5), display: "alice")
        #expect(plan.listed([back]) == [.attach(feed: .number(5))])
        _ = plan.attached(feed: .number(5), handle: 30)
        #expect(plan.offered(handle: 30, sdp: "o") == [.answer(handle: 30, offer: "o", participantID: "janus-1", name: "alice")])
        // A second "alice" while the first is live is someone else.
        let twin = JanusPublisher(id: .number(6), display: "alice")
        _ = plan.listed([twin])
        _ = plan.attached(feed: .number(6), handle: 31)
        #expect(plan.offered(handle: 31, sdp: "o") == [.answer(handle: 31, offer: "o", participantID: "janus-6", name: "alice")])
    }

    @Test func aSubscriptionJanusHangsUpIsTriedAgainAFewTimes() {
        var plan = Self.subscribed()
        #expect(plan.hungUp(handle: 10, reason: "ICE failed") == [.hangUp(ufrag: "ua", reason: "Janus hung up: ICE failed"), .detach(handle: 10), .attach(feed: .number(1))])
        for attempt in 2..<JanusSubscriptions.maximumAttempts {
            let handle = UInt64(10 + attempt)
            _ = plan.attached(feed: .number(1), handle: handle)
            #expect(plan.hungUp(handle: handle, reason: "ICE failed").last == .attach(feed: .number(1)))
        }
        let last = UInt64(10 + JanusSubscriptions.maximumAttempts)
        _ = plan.attached(feed: .number(1), handle: last)
        #expect(plan.hungUp(handle: last, reason: "ICE failed") == [.detach(handle: last)], "given up after \(JanusSubscriptions.maximumAttempts)")
        #expect(plan.feedIDs.isEmpty)
    }

    @Test func aFailedSubscriptionIsDroppedAndTheRecordingEndsEveryCall() {
        var plan = Self.subscribed()
        _ = plan.listed([Self.bob])
        _ = plan.attached(feed: .number(2), handle: 20)
        #expect(plan.failed(handle: 20) == [.detach(handle: 20)], "a failed handle drops its feed")
        #expect(plan.failed(feed: .number(2)) == [], "already dropped")
        #expect(plan.endAll(reason: "stopped") == [.hangUp(ufrag: "ua", reason: "stopped"), .detach(handle: 10)])
        #expect(plan.feedIDs.isEmpty)
    }
}
