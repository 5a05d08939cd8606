/// Where a connection's outputs go (the room it publishes into), so the
/// domain types that take them need no I/O driver. The driver calls it on
/// its event loop, one output at a time, in order.
public protocol ConnectionSink: AnyObject, Sendable {
    func connection(_ ufrag: String, produced output: ReceiveConnection.Output, now: Int64)
}
