import Foundation
import Logging
import WebRTC

/// One room's publishers, whether or not anything records them, and the
/// recordings that do. Publishers may come before a recording starts: the
/// room remembers each one's tracks, so a recording that starts later
/// writes them before their next packet (and asks for a keyframe, see
/// `RoomDirectory.startRecording`).
///
/// It is the `ConnectionSink` of every publisher in the room. `@unchecked
/// Sendable`: all of its state is touched on the media event loop only.
public final class Room: ConnectionSink, @unchecked Sendable {
    public struct Publisher: Sendable {
        public var participantID: String
        public var name: String?
        /// Tracks by connection index.
        public var tracks: [Int: ConnectionTrack] = [:]
        public var connected = false
    }

    public let name: String
    public private(set) var publishers: [String: Publisher] = [:]  // by our ICE ufrag
    public private(set) var recorders: [RoomRecorder] = []
    /// Called on the event loop when a publisher has left (by its ufrag), however it ended.
    var onLeft: (@Sendable (String) -> Void)?
    /// Called on the event loop when the room has neither publishers nor recordings.
    var onEmpty: (@Sendable (Room) -> Void)?

    private let logger: Logger

    init(name: String, logger: Logger = Logger(label: "tessera")) {
        self.name = name
        var logger = logger
        logger[metadataKey: "room"] = .string(name)
        self.logger = logger
    }

    public var isEmpty: Bool { publishers.isEmpty && recorders.isEmpty }

    func join(ufrag: String, participantID: String, name: String?, now: Int64) {
        let publisher = Publisher(participantID: participantID, name: name)
        publishers[ufrag] = publisher
        for recorder in recorders { recorder.join(ufrag: ufrag, publisher: publisher, now: now) }
    }

    public func connection(_ ufrag: String, produced output: ReceiveConnection.Output, now: Int64) {
        guard publishers[ufrag] != nil else { return }
        switch output {
        case let .trackAdded(track), let .trackUpdated(track):
            publishers[ufrag]!.tracks[track.index] = track
        case .connected:
            publishers[ufrag]!.connected = true
        case .send:
            return
        default:
            break
        }
        for recorder in recorders { recorder.connection(ufrag, produced: output, now: now) }
        if case let .closed(reason, summary) = output {
            logger.info("publisher connection ended", metadata: [
                "participant": .string(publishers[ufrag]!.participantID), "reason": .string(reason), "summary": .string(summary.description)])
            publishers[ufrag] = nil
            onLeft?(ufrag)
            if isEmpty { onEmpty?(self) }
        }
    }

    /// A publisher's camera or microphone went off or on (it said so through signaling).
    func mediaState(ufrag: String, kind: String, trackName: String?, muted: Bool, now: Int64) {
        guard publishers[ufrag] != nil else { return }
        for recorder in recorders { recorder.mediaState(ufrag: ufrag, kind: kind, trackName: trackName, muted: muted, now: now) }
    }

    /// A recording starts: it takes every publisher present, with the tracks known so far.
    func attach(_ recorder: RoomRecorder, now: Int64) {
        recorders.append(recorder)
        for (ufrag, publisher) in publishers.sorted(by: { $0.value.participantID < $1.value.participantID }) {
            recorder.join(ufrag: ufrag, publisher: publisher, now: now)
        }
    }

    /// A recording stops: the publishers stay, unrecorded by it.
    func detach(_ recorder: RoomRecorder, reason: String, now: Int64) {
        guard recorders.contains(where: { $0 === recorder }) else { return }
        recorders.removeAll { $0 === recorder }
        recorder.leaveAll(reason: reason, now: now)
        if isEmpty { onEmpty?(self) }
    }
}
