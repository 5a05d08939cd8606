/// tessera joins one of its own rooms as a peer (the recorder) and calls
/// every participant there; leaving tells the room that recording stopped.
public actor BuiltInRoomSource: RecordingSource {
    private let hub: SignalingHub
    private let room: String
    private let jobID: String
    private var peer: String?

    public init(hub: SignalingHub, room: String, jobID: String) {
        self.hub = hub
        self.room = room
        self.jobID = jobID
    }

    public func start() async throws {
        peer = await hub.addRecorder(room: room, jobID: jobID)
    }

    public func stop(reason: String) async {
        guard let peer else { return }
        self.peer = nil
        await hub.removeRecorder(room: room, id: peer)
    }
}
