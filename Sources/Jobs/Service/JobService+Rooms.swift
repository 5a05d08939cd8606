import APIModel
import Rooms

/// What the rooms tell the service.
extension JobService {
    /// A room's first publisher came or its last one left: a source that
    /// ends with its room (a pulled stream whose connection closed) ends
    /// its recording; with `--auto-record`, the first publisher starts a
    /// recording and the last one stops it.
    public func roomEvent(_ event: RoomDirectory.RoomEvent) async {
        if case let .closed(room) = event {
            for (id, run) in runs where run.spec.room == room && run.source.endsWithItsRoom {
                finishInBackground(id, .stopped(run.spec.source.endedReason))
            }
        }
        guard configuration.autoRecord, admission.isAccepting else { return }
        switch event {
        case let .opened(room):
            // A room someone records already (a pulled source joining its recording's room) is not recorded twice.
            guard autoRecord.roomOpened(room, recordedAlready: runs.values.contains { $0.spec.room == room }) else { return }
            do {
                let document = try await createRecording(RecordingRequest(room: room, metadata: ["trigger": "auto-record"],
                                                                             liveComposite: configuration.autoRecordComposite))
                if autoRecord.started(room, job: document.id) { finishInBackground(document.id, .stopped("the room's last publisher left")) }
            } catch {
                autoRecord.failedToStart(room)
                logger.error("auto-record could not start", metadata: ["room": .string(room), "error": .string("\(error)")])
            }
        case let .closed(room):
            guard let id = autoRecord.roomClosed(room), runs[id] != nil else { return }
            finishInBackground(id, .stopped("the room's last publisher left"))
        }
    }
}
