import Dump
import Foundation
import Logging
import WebRTC
import WebRTCDriver

/// Writes one room's RTP dump while it has publishers: every decrypted
/// packet with its arrival time, each track's metadata before its first
/// packet, and events as people and tracks come and go.
///
/// It is the `ConnectionSink` of every publisher in the room. `@unchecked
/// Sendable`: all of its state is touched on the media event loop only
/// (the UDP driver calls it there, and `WHIPEndpoint` hops there).
public final class RoomRecorder: ConnectionSink, @unchecked Sendable {
    public struct Publisher: Sendable {
        public var participantID: String
        public var name: String?
        /// Connection track index → dump track id.
        public var trackIDs: [Int: UInt16] = [:]
        public var connected = false
    }

    public let room: String
    public let dumpPath: String
    public private(set) var publishers: [String: Publisher] = [:]  // by our ICE ufrag
    public private(set) var writeFailure: String?
    private let writer: LiveDumpWriter
    /// The driver's clock at record time 0.
    private let origin: Int64
    private var nextTrackID: UInt16 = 1
    private let logger: Logger
    /// Called on the event loop when a publisher has left (by its ufrag), however it ended.
    var onLeft: (@Sendable (String) -> Void)?
    /// Called on the event loop when the last publisher has left.
    var onEmpty: (@Sendable (RoomRecorder) -> Void)?

    init(room: String, dumpPath: String, sessionID: String, origin: Int64, flushIntervalMicros: Int64, logger: Logger) throws {
        self.room = room
        self.dumpPath = dumpPath
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

    public var isEmpty: Bool { publishers.isEmpty }
    public var dumpStatistics: LiveDumpWriter.Statistics { writer.statistics }

    func join(ufrag: String, participantID: String, name: String?, now: Int64) {
        publishers[ufrag] = Publisher(participantID: participantID, name: name)
        write(.event(DumpEvent(kind: .participantJoined, participantID: participantID, detail: name)), now: now)
        logger.info("publisher joined", metadata: ["participant": .string(participantID)])
    }

    public func connection(_ ufrag: String, produced output: ReceiveConnection.Output, now: Int64) {
        guard var publisher = publishers[ufrag] else { return }
        switch output {
        case let .rtp(index, packet):
            guard let id = publisher.trackIDs[index] else { return }
            write(.rtp(track: id, bytes: packet[...]), now: now)
        case let .rtcp(index, packet):
            write(.rtcp(track: index.flatMap { publisher.trackIDs[$0] } ?? 0, bytes: packet[...]), now: now)
        case let .trackAdded(track):
            let id = nextTrackID
            nextTrackID &+= 1
            publisher.trackIDs[track.index] = id
            publishers[ufrag] = publisher
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
            write(.event(DumpEvent(kind: .trackEnded, participantID: publisher.participantID, trackID: id, detail: "RTCP BYE")), now: now)
        case let .connected(address):
            guard !publisher.connected else { return }  // a move to another nominated pair
            publisher.connected = true
            publishers[ufrag] = publisher
            logger.info("publisher connected", metadata: ["participant": .string(publisher.participantID), "address": .string("\(address)")])
        case let .closed(reason, summary):
            logger.info("publisher connection ended", metadata: [
                "participant": .string(publisher.participantID), "summary": .string(summary.description)])
            leave(ufrag: ufrag, reason: reason, now: now)
        case .send:
            return
        }
    }

    private func leave(ufrag: String, reason: String, now: Int64) {
        guard let publisher = publishers.removeValue(forKey: ufrag) else { return }
        for id in publisher.trackIDs.values.sorted() {
            write(.event(DumpEvent(kind: .trackEnded, participantID: publisher.participantID, trackID: id, detail: reason)), now: now)
        }
        write(.event(DumpEvent(kind: .participantLeft, participantID: publisher.participantID, detail: reason)), now: now)
        logger.info("publisher left", metadata: ["participant": .string(publisher.participantID), "reason": .string(reason)])
        onLeft?(ufrag)
        if publishers.isEmpty { onEmpty?(self) }
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

    private func dumpTrack(_ track: ConnectionTrack, id: UInt16, publisher: Publisher) -> DumpTrack {
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
