/// What a recording needs of the rooms: a recorder attached to a room, its
/// figures while it runs, and its end. `RoomDirectory` is the real one;
/// the job service's tests use a stand-in that needs no media server.
public protocol RecordingRooms: Sendable {
    /// Opens the dump at `dumpPath` and records `room` into it from now on.
    func startRecording(room: String, dumpPath: String, sessionID: String) async throws -> RoomRecorder
    /// Detaches the recorder (its tracks end with `reason`) and closes the dump after its last flush.
    func stopRecording(_ recorder: RoomRecorder, reason: String) async throws
    func statistics(of recorder: RoomRecorder) async -> RoomRecorder.Statistics
}

extension RoomDirectory: RecordingRooms {}
