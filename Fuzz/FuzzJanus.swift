import Foundation
import JanusProtocol

/// libFuzzer entry: what a Janus server sends tessera (answers and long-poll
/// events) must parse or be refused with a reason, never trap; and the
/// subscription plan, driven by whatever parsed, must keep its promises:
/// never subscribe to our own feed, never hold more feeds than were listed,
/// and end every call it made when told to.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJanus(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let messages = try? JanusMessage.parse(bytes) else { return 0 }
    var plan = JanusSubscriptions()
    plan.ownFeed = .number(1)
    var listed: Set<JanusID> = []
    var connected: Set<String> = []
    var nextHandle: UInt64 = 100
    func check(_ actions: [JanusSubscriptions.Action]) {
        for action in actions {
            switch action {
            case let .attach(feed):
                if feed == .number(1) { fatalError("subscribed to our own feed") }
                if !listed.contains(feed) { fatalError("attached to a feed nobody listed") }
                nextHandle += 1
                check(plan.attached(feed: feed, handle: nextHandle))
            case let .answer(handle, _, _, _):
                connected.insert("u\(handle)")
                plan.connected(handle: handle, ufrag: "u\(handle)")
            case let .hangUp(ufrag, _):
                if connected.remove(ufrag) == nil { fatalError("hung up a call that was not made") }
            case .subscribe, .renegotiate, .detach:
                break
            }
        }
    }
    for message in messages {
        switch message {
        case let .event(handle, _, event, jsep):
            listed.formUnion(event.publishers.map(\.id))
            check(plan.listed(event.publishers))
            if let feed = event.unpublished { check(plan.gone(feed, reason: "unpublished")) }
            if let feed = event.leaving { check(plan.gone(feed, reason: "left")) }
            if let jsep { check(plan.offered(handle: handle, sdp: jsep.sdp)) }
        case let .hangup(handle, reason):
            check(plan.hungUp(handle: handle, reason: reason))
        default:
            break
        }
    }
    if plan.feedIDs.count > listed.count { fatalError("more feeds than were listed") }
    check(plan.endAll(reason: "stopped"))
    if !connected.isEmpty || !plan.feedIDs.isEmpty { fatalError("a call outlived the end of the recording") }
    return 0
}
