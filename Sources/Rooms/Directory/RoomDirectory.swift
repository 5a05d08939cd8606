import APIModel
import Dump
import Foundation
import Logging
import NIOCore
import SDP
import Telemetry
import WebRTC
import WebRTCDriver

/// Every room, whichever way its participants came (WHIP publishers, calls
/// tessera makes or takes, Janus subscriptions): their receive-only
/// connections on the shared UDP server, their tracks, and the recordings
/// attached. A room is recorded while a recording of it runs
/// (`startRecording` … `stopRecording`): each recording writes its own RTP dump.
///
/// `@unchecked Sendable`: `rooms` is touched on the media event loop only;
/// the public methods hop there.
public final class RoomDirectory: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Addresses announced as host candidates (a public address behind 1:1 NAT goes here).
        public var candidateAddresses: [String]
        /// ICE servers announced in `Link` headers (RFC 9725 §4.6), e.g. "stun:stun.example.net:3478".
        public var iceServers: [String]
        /// What REMB announces, so senders ramp up to recording quality.
        public var recordingBitrate: UInt64
        public var flushIntervalMicros: Int64
        public var maximumPublishers: Int
        /// Server-reflexive addresses learned from a STUN server, by local port
        /// ("ip port"), announced as `typ srflx` candidates.
        public var reflexiveAddresses: [Int: String] = [:]
        /// How long a silent publisher is kept before its tracks end (RFC 7675: 30 s).
        public var consentTimeoutMicros: Int64
        /// How long a publisher may take to connect (ICE and DTLS) after its offer.
        public var connectTimeoutMicros: Int64 = 30_000_000

        public init(candidateAddresses: [String], iceServers: [String] = [],
                    recordingBitrate: UInt64 = 4_000_000, flushIntervalMicros: Int64 = 1_000_000, maximumPublishers: Int = 200,
                    consentTimeoutMicros: Int64 = ICEAgent.defaultConsentTimeoutMicros) {
            self.consentTimeoutMicros = consentTimeoutMicros
            self.candidateAddresses = candidateAddresses
            self.iceServers = iceServers
            self.recordingBitrate = recordingBitrate
            self.flushIntervalMicros = flushIntervalMicros
            self.maximumPublishers = maximumPublishers
        }
    }

    public struct RoomStatus: Equatable, Sendable {
        public var room: String
        public var publishers: Int
        public var connected: Int
        public var recordings: Int
    }

    /// What the room directory tells its owner (the job service, for `--auto-record`).
    public enum RoomEvent: Sendable {
        /// A room got its first publisher.
        case opened(String)
        /// A room's last publisher left.
        case closed(String)
    }

    public let configuration: Configuration
    public let media: UDPMediaServer
    let certificate: DTLSCertificate
    let logger: Logger
    private var rooms: [String: Room] = [:]
    /// Told (on the event loop) when a publisher's connection has ended, however it ended.
    var onPublisherLeft: ((String) -> Void)?
    private var nextPort = 0
    let observer: (@Sendable (RoomEvent) -> Void)?

    public init(configuration: Configuration, media: UDPMediaServer, logger: Logger,
                observer: (@Sendable (RoomEvent) -> Void)? = nil) throws {
        self.observer = observer
        self.configuration = configuration
        self.media = media
        self.logger = logger
        certificate = try DTLSCertificate()
    }

    // MARK: - Recordings

    /// Starts recording a room into a new dump at `dumpPath`: every
    /// publisher there now (each video track is asked for a keyframe at
    /// once, RFC 4585 §6.3.1) and everyone who publishes until it stops.
    /// The room need not have publishers yet.
    public func startRecording(room name: String, dumpPath: String, sessionID: String) async throws -> RoomRecorder {
        guard Self.isValidRoomName(name) else { throw WHIPError.malformed("room names are 1–64 letters, digits, '-' or '_'") }
        try FileManager.default.createDirectory(atPath: (dumpPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let origin = media.now
        let recorder = try RoomRecorder(room: name, dumpPath: dumpPath, sessionID: sessionID, origin: origin,
                                        flushIntervalMicros: configuration.flushIntervalMicros, logger: logger)
        try await media.eventLoop.submit {
            let room = self.room(named: name)
            room.attach(recorder, now: self.media.now)
            for ufrag in room.publishers.keys { self.media.requestKeyframesOnLoop(ufrag: ufrag) }
        }.get()
        return recorder
    }

    /// Stops a recording: its publishers leave the dump (they stay in the
    /// room), and the dump is closed with its last records on disk.
    public func stopRecording(_ recorder: RoomRecorder, reason: String) async throws {
        try await media.eventLoop.submit {
            self.rooms[recorder.room]?.detach(recorder, reason: reason, now: self.media.now)
        }.get()
        // Closing waits for the last flush: not on the event loop.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            Thread.detachNewThread {
                do { try recorder.close(); continuation.resume() } catch { continuation.resume(throwing: error) }
            }
        }
    }

    /// A recording's counters, read on the event loop.
    public func statistics(of recorder: RoomRecorder) async -> RoomRecorder.Statistics {
        (try? await media.eventLoop.submit { recorder.statistics }.get()) ?? RoomRecorder.Statistics()
    }

    public func status() async -> [RoomStatus] {
        (try? await media.eventLoop.submit {
            self.rooms.values.map { room in
                RoomStatus(room: room.name, publishers: room.publishers.count,
                           connected: room.publishers.values.filter(\.connected).count, recordings: room.recorders.count)
            }.sorted { $0.room < $1.room }
        }.get()) ?? []
    }

    /// Ends every session and closes every dump (shutdown).
    public func shutdown() async {
        await media.stop()
        let recorders = (try? await media.eventLoop.submit { () -> [RoomRecorder] in
            let now = self.media.now
            var all: [RoomRecorder] = []
            for room in self.rooms.values {
                for recorder in room.recorders {
                    room.detach(recorder, reason: "server shutdown", now: now)
                    all.append(recorder)
                }
            }
            self.rooms.removeAll()
            return all
        }.get()) ?? []
        for recorder in recorders { try? recorder.close() }
    }

    // MARK: - On the event loop

    /// Opens the connection and joins its peer to `room` (on the event loop).
    func joinOnLoop(_ settings: ReceiveConnection.Configuration, room name: String, participantID: String, name displayName: String?) throws {
        let connection = try ReceiveConnection(configuration: settings, certificate: certificate)
        let target = room(named: name)
        let opened = target.publishers.isEmpty
        target.join(ufrag: settings.localICE.ufrag, participantID: participantID, name: displayName, now: media.now)
        media.addOnLoop(ufrag: settings.localICE.ufrag, sink: target, connection: connection)
        if opened { observer?(.opened(name)) }
    }

    /// The room if it exists (nothing is made for a name nobody uses).
    func existingRoom(named name: String) -> Room? { rooms[name] }

    func room(named name: String) -> Room {
        if let existing = rooms[name] { return existing }
        let room = Room(name: name, logger: logger)
        room.onEmpty = { [weak self] room in
            guard let self, self.rooms[room.name] === room else { return }
            self.rooms[room.name] = nil  // its sessions went one by one, through onLeft
        }
        // A publisher that vanished (consent lost, DTLS failed) frees its session too, not only a DELETE.
        room.onLeft = { [weak self, weak room] ufrag in
            guard let self else { return }
            self.onPublisherLeft?(ufrag)
            if let room, room.publishers.isEmpty { self.observer?(.closed(room.name)) }
        }
        rooms[name] = room
        return room
    }

    /// Our candidates on `port`: a host candidate per address, and the
    /// server-reflexive one STUN found for it.
    func localCandidates(port: Int) -> [String] {
        var candidates = configuration.candidateAddresses.enumerated().map { index, address in
            // RFC 8445 §5.1.2.1: type preference 126 for host, local preference by order.
            let priority = (126 << 24) | ((65_535 - index) << 8) | 255
            return "\(index + 1) 1 udp \(priority) \(address) \(port) typ host"
        }
        if let reflexive = configuration.reflexiveAddresses[port], let base = configuration.candidateAddresses.first {
            // Type preference 100 for server-reflexive; raddr/rport name the base (RFC 8839 §5.1).
            let priority = (100 << 24) | (65_535 << 8) | 255
            candidates.append("\(candidates.count + 1) 1 udp \(priority) \(reflexive) typ srflx raddr \(base) rport \(port)")
        }
        return candidates
    }

    func nextPortIndex() -> Int {
        nextPort = (nextPort + 1) % media.ports.count
        return nextPort
    }

    // MARK: - Helpers

    /// What every connection of this server shares, for `Negotiation`.
    var negotiationSettings: Negotiation.Settings {
        Negotiation.Settings(recordingBitrate: configuration.recordingBitrate, consentTimeoutMicros: configuration.consentTimeoutMicros,
                             connectTimeoutMicros: configuration.connectTimeoutMicros)
    }

    static func isValidRoomName(_ room: String) -> Bool {
        SafeName.isValid(room)
    }

    /// Letters and digits: ICE's ice-char set (RFC 8839 §5.4) minus '+' and '/', safe in URLs too.
    static func randomToken(_ length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
