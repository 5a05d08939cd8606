import APIModel
import Logging
import Rooms

/// Makes the `RecordingSource` for a validated recording. `ended` is told
/// (once) when a source that can end by itself does (Janus going away).
protocol RecordingSourceMaking: Sendable {
    func make(for spec: RecordingSpec, jobID: String, ended: @escaping @Sendable (String) async -> Void) throws(ServiceError) -> any RecordingSource
}

/// The real sources: the one place that maps a source kind to its implementation in Rooms.
struct RecordingSources: RecordingSourceMaking {
    let rooms: RoomDirectory
    let signaling: SignalingHub?
    let logger: Logger

    func make(for spec: RecordingSpec, jobID: String, ended: @escaping @Sendable (String) async -> Void) throws(ServiceError) -> any RecordingSource {
        switch spec.source {
        case .whip:
            return WHIPPublishers()
        case .room:
            guard let signaling else { throw .invalid("this server has no built-in rooms") }
            return BuiltInRoomSource(hub: signaling, room: spec.room, jobID: jobID)
        case let .whep(whep):
            return WHEPSource(url: whep.url.absoluteString, token: whep.token, participantName: whep.participantName, room: spec.room,
                              participantID: "whep-" + jobID.prefix(8), endpoint: rooms, logger: logger)
        case let .janus(janus):
            let settings = JanusRoomSource.Settings(url: janus.url.absoluteString, room: janus.room, pin: janus.pin, token: janus.token)
            return JanusSource(settings: settings, room: spec.room, endpoint: rooms, logger: logger) { reason in
                await ended("the Janus source ended: \(reason)")
            }
        }
    }
}
