/// One way media gets into a recording's room. The recording owns its
/// source: `start` before the recording goes active, `stop` when it ends.
/// A source that ends by itself (the far server hung up) says so through
/// the `onEnded` its maker was given, once.
public protocol RecordingSource: Sendable {
    /// Brings the source's media into the room; throws when the far side cannot be reached or refuses.
    func start() async throws
    /// Leaves the call; the source's tracks end in the dump with `reason`.
    func stop(reason: String) async
    /// Whether the room emptying means this source is gone (a pulled
    /// stream's connection closed), which ends the recording.
    var endsWithItsRoom: Bool { get }
}

extension RecordingSource {
    public var endsWithItsRoom: Bool { false }
}

/// The room's WHIP publishers: they come and go by themselves, so there is
/// nothing to start or stop.
public struct WHIPPublishers: RecordingSource {
    public init() {}
    public func start() async throws {}
    public func stop(reason: String) async {}
}
