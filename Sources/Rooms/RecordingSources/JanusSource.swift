import JanusProtocol
import Logging

/// Joins a Janus VideoRoom: every publisher there, now and later, is a
/// participant of the recording's room. A Janus that goes away ends the
/// recording with what it has (`onEnded`).
public actor JanusSource: RecordingSource {
    private let settings: JanusRoomSource.Settings
    private let room: String
    private let endpoint: RoomDirectory
    private let logger: Logger
    private let onEnded: @Sendable (String) async -> Void
    private var joined: JanusRoomSource?

    public init(settings: JanusRoomSource.Settings, room: String, endpoint: RoomDirectory, logger: Logger,
                onEnded: @escaping @Sendable (String) async -> Void) {
        self.settings = settings
        self.room = room
        self.endpoint = endpoint
        self.logger = logger
        self.onEnded = onEnded
    }

    public func start() async throws {
        joined = try await JanusRoomSource.connect(settings, room: room, endpoint: endpoint, logger: logger, onEnded: onEnded)
    }

    public func stop(reason: String) async {
        guard let joined else { return }
        self.joined = nil
        await joined.stop(reason: reason)
    }
}
