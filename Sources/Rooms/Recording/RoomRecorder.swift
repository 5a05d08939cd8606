import Dump
import Foundation
import Logging
import WebRTC

/// Writes one recording's RTP dump: every decrypted packet of the room's
/// publishers with its arrival time, each track's metadata before its
/// first packet, and events as people and tracks come and go. It hears
/// the publishers' connections through its `Room`, from the moment the
/// recording starts until it stops.
///
/// `@unchecked Sendable`: its state is touched on the media event loop
/// only, except `close`, called once after it was detached.
public final class RoomRecorder: @unchecked Sendable {
    struct Recorded {
        var participantID: String
        var name: String?
        /// Connection track index → dump track id.
        var trackIDs: [Int: UInt16] = [:]
    }

    /// What a recording has taken in so far, per track.
    public struct TrackStatistics: Codable, Equatable, Sendable {
        public var id: UInt16
        public var participantID: String
        public var kind: String
        public var codec: String
        public var packets: Int = 0
        public var bytes: Int = 0
        public var ended = false
    }

    public struct Statistics: Codable, Equatable, Sendable {
        /// Every participant recorded, id → display name (empty when none was given).
        public var participants: [String: String] = [:]
        public var present: [String] = []
        public var tracks: [TrackStatistics] = []
        public var mediaPackets = 0
        public var bytesWritten: Int64 = 0
        public var recordsDropped = 0
        /// Microseconds of the first and the latest media packet, on the recording's clock.
        public var firstMediaMicros: Int64?
        public var lastMediaMicros: Int64?
        public var writeFailure: String?
    }

    public let room: String
    public let dumpPath: String
    public let sessionID: String
    private var recorded: [String: Recorded] = [:]  // by the publisher's ufrag
    private var trackStatistics: [UInt16: TrackStatistics] = [:]
    private var participantNames: [String: String] = [:]
    private var mediaPackets = 0
    private var firstMedia: Int64?
    private var lastMedia: Int64?
    public private(set) var writeFailure: String?
    private let writer: LiveDumpWriter
    /// The driver's clock at record time 0.
    private let origin: Int64
    private var nextTrackID: UInt16 = 1
    /// The sender's name of each track (msid track id), by ufrag and connection track index.
    private var trackNames: [String: [Int: String]] = [:]
    private let logger: Logger

    init(room: String, dumpPath: String, sessionID: String, origin: Int64, flushIntervalMicros: Int64, logger: Logger) throws {
        self.room = room
        self.dumpPath = dumpPath
        self.sessionID = sessionID
        self.origin = origin
        let wallClock = Int64(Date().timeIntervalSince1970 * 1_000_000)
        writer = try LiveDumpWriter(path: dumpPath, header: DumpHeader(anchorWallClockMicros: wallClock),
                                    flushIntervalMicros: flushIntervalMicros)
        var logger = logger
        logger[metadataKey: "room"] = .string(room)
        logger[metadataKey: "dump"] = .string(sessionID)
        self.logger = logger
        write(.session(DumpSession(id: sessionID, room: room, startedAtMicros: wallClock, source: "live")), now: origin)
    }

    public var statistics: Statistics {
        var statistics = Statistics()
        statistics.participants = participantNames
        statistics.present = recorded.values.map(\.participantID).sorted()
        statistics.tracks = trackStatistics.values.sorted { $0.id < $1.id }
        statistics.mediaPackets = mediaPackets
        let dump = writer.statistics
        statistics.bytesWritten = Int64(dump.bytesWritten)
        statistics.recordsDropped = dump.recordsDropped
        statistics.firstMediaMicros = firstMedia
        statistics.lastMediaMicros = lastMedia
        statistics.writeFailure = writeFailure
        return statistics
    }

    /// A publisher is recorded from now on, with the tracks it already has.
    func join(ufrag: String, publisher: Room.Publisher, now: Int64) {
        guard recorded[ufrag] == nil else { return }
        recorded[ufrag] = Recorded(participantID: publisher.participantID, name: publisher.name)
        participantNames[publisher.participantID] = publisher.name ?? ""
        write(.event(DumpEvent(kind: .participantJoined, participantID: publisher.participantID, detail: publisher.name)), now: now)
        logger.info("publisher recorded", metadata: ["participant": .string(publisher.participantID)])
        for track in publisher.tracks.values.sorted(by: { $0.index < $1.index }) {
            connection(ufrag, produced: .trackAdded(track), now: now)
        }
    }

    func connection(_ ufrag: String, produced output: ReceiveConnection.Output, now: Int64) {
        guard var publisher = recorded[ufrag] else { return }
        switch output {
        case let .rtp(index, packet):
            guard let id = publisher.trackIDs[index] else { return }
            write(.rtp(track: id, bytes: packet[...]), now: now)
            mediaPackets += 1
            trackStatistics[id]?.packets += 1
            trackStatistics[id]?.bytes += packet.count
            if firstMedia == nil { firstMedia = Swift.max(0, now - origin) }
            lastMedia = Swift.max(0, now - origin)
        case let .rtcp(index, packet):
            write(.rtcp(track: index.flatMap { publisher.trackIDs[$0] } ?? 0, bytes: packet[...]), now: now)
        case let .trackAdded(track):
            guard publisher.trackIDs[track.index] == nil else { return }
            let id = nextTrackID
            nextTrackID &+= 1
            publisher.trackIDs[track.index] = id
            recorded[ufrag] = publisher
            trackNames[ufrag, default: [:]][track.index] = track.name
            trackStatistics[id] = TrackStatistics(id: id, participantID: publisher.participantID, kind: track.kind, codec: track.codec.name)
            write(.track(dumpTrack(track, id: id, publisher: publisher)), now: now)
            write(.event(DumpEvent(kind: .trackAdded, participantID: publisher.participantID, trackID: id)), now: now)
            logger.info("track added", metadata: [
                "participant": .string(publisher.participantID), "track": .stringConvertible(id),
                "codec": .string(track.codec.name), "ssrc": .stringConvertible(track.ssrc),
            ])
        case let .trackUpdated(track):
            guard let id = publisher.trackIDs[track.index] else { return }
            write(.track(dumpTrack(track, id: id, publisher: publisher)), now: now)
        case let .trackEnded(index):
            guard let id = publisher.trackIDs[index] else { return }
            trackStatistics[id]?.ended = true
            write(.event(DumpEvent(kind: .trackEnded, participantID: publisher.participantID, trackID: id, detail: "RTCP BYE")), now: now)
        case .connected:
            return
        case let .closed(reason, _):
            leave(ufrag: ufrag, reason: reason, now: now)
        case .send, .limitReached:
            return
        }
    }

    /// A publisher turned a camera or microphone off or on: a `muted` or
    /// `unmuted` event for each of its tracks of that kind (or the one whose
    /// sender's name is `trackName`, when the sender says which).
    func mediaState(ufrag: String, kind: String, trackName: String?, muted: Bool, now: Int64) {
        guard let publisher = recorded[ufrag] else { return }
        for (index, id) in publisher.trackIDs.sorted(by: { $0.value < $1.value }) where trackStatistics[id]?.kind == kind {
            if let trackName, trackNames[ufrag]?[index] != trackName { continue }
            write(.event(DumpEvent(kind: muted ? .muted : .unmuted, participantID: publisher.participantID, trackID: id, detail: kind)), now: now)
        }
    }

    /// The recording stops: everyone leaves it.
    func leaveAll(reason: String, now: Int64) {
        for ufrag in recorded.keys.sorted() { leave(ufrag: ufrag, reason: reason, now: now) }
    }

    private func leave(ufrag: String, reason: String, now: Int64) {
        guard let publisher = recorded.removeValue(forKey: ufrag) else { return }
        trackNames[ufrag] = nil
        for id in publisher.trackIDs.values.sorted() {
            trackStatistics[id]?.ended = true
            write(.event(DumpEvent(kind: .trackEnded, participantID: publisher.participantID, trackID: id, detail: reason)), now: now)
        }
        write(.event(DumpEvent(kind: .participantLeft, participantID: publisher.participantID, detail: reason)), now: now)
        logger.info("publisher left", metadata: ["participant": .string(publisher.participantID), "reason": .string(reason)])
    }

    /// Closes the dump (blocks until the last flush is on disk: call it off the event loop).
    func close() throws {
        try writer.close()
        let statistics = writer.statistics
        logger.info("dump closed", metadata: [
            "records": .stringConvertible(statistics.recordsWritten), "bytes": .stringConvertible(statistics.bytesWritten),
            "dropped": .stringConvertible(statistics.recordsDropped),
        ])
    }

    private func dumpTrack(_ track: ConnectionTrack, id: UInt16, publisher: Recorded) -> DumpTrack {
        DumpTrack(
            id: id, participantID: publisher.participantID, participantName: publisher.name, trackName: track.name,
            kind: track.kind == "video" ? .video : .audio, codec: track.codec.name, clockRate: track.codec.clockRate,
            channels: track.codec.channels, formatParameters: track.codec.formatParameters, payloadType: track.codec.payloadType,
            retransmissionPayloadTypes: track.retransmissionPayloadTypes, headerExtensions: track.headerExtensions,
            ssrc: track.ssrc, retransmissionSSRC: track.retransmissionSSRC)
    }

    private func write(_ record: DumpRecord, now: Int64) {
        guard writeFailure == nil else { return }
        do {
            try writer.append(record, time: Swift.max(0, now - origin))
        } catch {
            writeFailure = "\(error)"
            logger.error("dump write failed: the recording stops here", metadata: ["error": .string("\(error)")])
        }
    }
}
