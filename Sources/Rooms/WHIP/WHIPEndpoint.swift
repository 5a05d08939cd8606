import Dump
import Foundation
import Logging
import NIOCore
import SDP
import WebRTC
import WebRTCDriver

/// WHIP (RFC 9725) without HTTP: publishers' offers become receive-only
/// connections on the shared UDP server, and each room's publishers are
/// recorded into one RTP dump while the room has any.
///
/// `@unchecked Sendable`: `rooms` and `sessions` are touched on the media
/// event loop only; the public methods hop there.
public final class WHIPEndpoint: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Where room dumps go: `<dataDirectory>/rooms/<room>/<time>-<id>.rtpd`.
        public var dataDirectory: String
        /// Addresses announced as host candidates (a public address behind 1:1 NAT goes here).
        public var candidateAddresses: [String]
        /// Required as `Authorization: Bearer …` when set.
        public var bearerToken: String?
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

        public init(dataDirectory: String, candidateAddresses: [String], bearerToken: String? = nil, iceServers: [String] = [],
                    recordingBitrate: UInt64 = 4_000_000, flushIntervalMicros: Int64 = 1_000_000, maximumPublishers: Int = 200,
                    consentTimeoutMicros: Int64 = ICEAgent.defaultConsentTimeoutMicros) {
            self.consentTimeoutMicros = consentTimeoutMicros
            self.dataDirectory = dataDirectory
            self.candidateAddresses = candidateAddresses
            self.bearerToken = bearerToken
            self.iceServers = iceServers
            self.recordingBitrate = recordingBitrate
            self.flushIntervalMicros = flushIntervalMicros
            self.maximumPublishers = maximumPublishers
        }
    }

    public struct Answer: Sendable {
        public var sdp: String
        public var sessionID: String
        /// The session's URL path, for `Location`.
        public var location: String
        public var etag: String
        /// `Link` header values for the configured ICE servers.
        public var links: [String]
    }

    public struct RoomStatus: Equatable, Sendable {
        public var room: String
        public var dumpPath: String
        public var publishers: Int
        public var connected: Int
    }

    private struct Session {
        var room: String
        var ufrag: String
        var etag: String
    }

    /// How long a DELETEd session keeps receiving what was already on its way.
    static let lingerMilliseconds = 300

    public let configuration: Configuration
    public let media: UDPMediaServer
    private let certificate: DTLSCertificate
    private let logger: Logger
    private var rooms: [String: RoomRecorder] = [:]
    private var sessions: [String: Session] = [:]
    private var nextPort = 0

    public init(configuration: Configuration, media: UDPMediaServer, logger: Logger) throws {
        self.configuration = configuration
        self.media = media
        self.logger = logger
        certificate = try DTLSCertificate()
    }

    /// POST /whip/{room}: answers the offer and starts receiving.
    public func publish(room: String, offer text: String, authorization: String?, name: String? = nil) async throws(WHIPError) -> Answer {
        try authorize(authorization)
        guard Self.isValidRoomName(room) else { throw .malformed("room names are 1–64 letters, digits, '-' or '_'") }
        let offer: SessionDescription
        do { offer = try SessionDescription.parse(text) } catch { throw .malformed("malformed SDP offer: \(error)") }
        let details = try OfferDetails(offer)
        let local = ICECredentials(ufrag: Self.randomToken(8), password: Self.randomToken(24))
        let port = media.ports[nextPortIndex()]
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
        let answer: SessionDescription, accepted: [NegotiatedMedia]
        do {
            (answer, accepted) = try RecvOnlyAnswer.make(
                for: offer, AnswerParameters(ice: local, fingerprint: certificate.fingerprint, candidates: candidates))
        } catch {
            throw error.kind == .unsupportedCodecs ? .unsupported(error.description) : .malformed(error.description)
        }
        let sessionID = Self.randomToken(16)
        var connectionConfiguration = ReceiveConnection.Configuration(
            localICE: local, remoteICE: details.ice, iceRole: .controlled, dtlsRole: details.dtlsRole,
            remoteFingerprint: details.fingerprint, media: accepted, declared: details.declared,
            recordingBitrate: configuration.recordingBitrate)
        connectionConfiguration.remoteCandidates = details.candidates
        connectionConfiguration.consentTimeoutMicros = configuration.consentTimeoutMicros
        let settings = connectionConfiguration
        let certificate = self.certificate
        let etag: String
        do {
            etag = try await media.eventLoop.submit { () throws -> String in
                guard self.sessions.count < self.configuration.maximumPublishers else {
                    throw WHIPError.unavailable("this server takes at most \(self.configuration.maximumPublishers) publishers")
                }
                let connection = try ReceiveConnection(configuration: settings, certificate: certificate)
                let recorder = try self.recorder(for: room)
                recorder.join(ufrag: local.ufrag, participantID: "whip-" + sessionID.prefix(8), name: name, now: self.media.now)
                self.media.addOnLoop(ufrag: local.ufrag, sink: recorder, connection: connection)
                let etag = "\"" + Self.randomToken(8) + "\""
                self.sessions[sessionID] = Session(room: room, ufrag: local.ufrag, etag: etag)
                return etag
            }.get()
        } catch let error as WHIPError {
            throw error
        } catch {
            throw .unavailable("cannot start receiving: \(error)")
        }
        logger.info("WHIP publisher accepted", metadata: ["room": .string(room), "session": .string(sessionID)])
        return Answer(sdp: answer.text, sessionID: sessionID, location: "/whip/\(room)/\(sessionID)", etag: etag,
                      links: configuration.iceServers.map { "<\($0)>; rel=\"ice-server\"" })
    }

    /// PATCH /whip/{room}/{session}: a trickle ICE fragment (RFC 8840):
    /// its candidates are checked by the session's ICE agent. An ICE restart
    /// (new credentials) is refused; mDNS and TCP candidates are skipped.
    public func trickle(room: String, session sessionID: String, fragment: String, authorization: String?,
                        ifMatch: String? = nil) async throws(WHIPError) {
        try authorize(authorization)
        guard let (ufrag, etag) = try? await media.eventLoop.submit({ () -> (String, String)? in
            guard let session = self.sessions[sessionID], session.room == room else { return nil }
            return (session.ufrag, session.etag)
        }).get() else { throw .unknownSession }
        // RFC 9725 §4.3.1: a fragment sent with If-Match names the session's ETag ("*" matches any).
        if let ifMatch, ifMatch != "*", !ifMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            throw .preconditionFailed
        }
        var candidates: [ICECandidate] = []
        for (number, line) in fragment.split(whereSeparator: \.isNewline).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard text.hasPrefix("a=") || text.hasPrefix("m=") else {
                throw .malformed("fragment line \(number + 1) \"\(text)\" is not an a= or m= line")
            }
            if text.hasPrefix("a=ice-ufrag:") || text.hasPrefix("a=ice-pwd:") {
                throw .unprocessable("ICE restart is not supported: start a new WHIP session")
            }
            guard text.hasPrefix("a=candidate:") else { continue }
            do {
                candidates.append(try ICECandidate(parsing: text))
            } catch let error where error.isUnsupported {
                continue  // usable by others, not by us (mDNS, TCP): nothing to check
            } catch {
                throw .malformed("fragment line \(number + 1): \(error)")
            }
        }
        let found = candidates
        _ = try? await media.withConnection(ufrag: ufrag) { connection in
            for candidate in found { connection?.addRemoteCandidate(candidate) }
        }.get()
    }

    /// DELETE /whip/{room}/{session}: the publisher leaves.
    public func end(room: String, session sessionID: String, authorization: String?) async throws(WHIPError) {
        try authorize(authorization)
        let ufrag = try? await media.eventLoop.submit { () -> String? in
            guard let session = self.sessions[sessionID], session.room == room else { return nil }
            self.sessions[sessionID] = nil
            return session.ufrag
        }.get()
        guard let ufrag = ufrag ?? nil else { throw .unknownSession }
        // Media the publisher sent just before hanging up may still be in the
        // socket's queue: it is recorded during a short linger, then the connection ends.
        let media = self.media
        media.eventLoop.scheduleTask(in: .milliseconds(Int64(Self.lingerMilliseconds))) {
            _ = media.remove(ufrag: ufrag, reason: "WHIP DELETE")
        }
    }

    public func status() async -> [RoomStatus] {
        (try? await media.eventLoop.submit {
            self.rooms.values.map { recorder in
                RoomStatus(room: recorder.room, dumpPath: recorder.dumpPath, publishers: recorder.publishers.count,
                           connected: recorder.publishers.values.filter(\.connected).count)
            }.sorted { $0.room < $1.room }
        }.get()) ?? []
    }

    /// Ends every session and closes every dump (shutdown).
    public func shutdown() async {
        await media.stop()
        let recorders = (try? await media.eventLoop.submit { () -> [RoomRecorder] in
            let all = Array(self.rooms.values)
            self.rooms.removeAll()
            self.sessions.removeAll()
            return all
        }.get()) ?? []
        for recorder in recorders { try? recorder.close() }
    }

    // MARK: - On the event loop

    private func recorder(for room: String) throws -> RoomRecorder {
        if let existing = rooms[room] { return existing }
        let directory = configuration.dataDirectory + "/rooms/" + room
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dumpID = Self.randomToken(8)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let path = "\(directory)/\(formatter.string(from: Date()))-\(dumpID).rtpd"
        let recorder = try RoomRecorder(room: room, dumpPath: path, sessionID: dumpID, origin: media.now,
                                        flushIntervalMicros: configuration.flushIntervalMicros, logger: logger)
        recorder.onEmpty = { [weak self] recorder in self?.roomEmptied(recorder) }
        // A publisher that vanished (consent lost, DTLS failed) frees its session too, not only a DELETE.
        recorder.onLeft = { [weak self] ufrag in self?.sessions = self?.sessions.filter { $0.value.ufrag != ufrag } ?? [:] }
        rooms[room] = recorder
        return recorder
    }

    private func roomEmptied(_ recorder: RoomRecorder) {
        guard rooms[recorder.room] === recorder else { return }
        rooms[recorder.room] = nil  // its sessions went one by one, through onLeft
        // Closing waits for the last flush: not on the event loop.
        let logger = self.logger
        Thread.detachNewThread {
            do { try recorder.close() } catch {
                logger.error("closing the room dump failed", metadata: ["room": .string(recorder.room), "error": .string("\(error)")])
            }
        }
    }

    private func nextPortIndex() -> Int {
        nextPort = (nextPort + 1) % media.ports.count
        return nextPort
    }

    // MARK: - Helpers

    private func authorize(_ header: String?) throws(WHIPError) {
        guard let token = configuration.bearerToken else { return }
        guard let header, header.hasPrefix("Bearer "), Self.constantTimeEqual(Array(header.dropFirst(7).utf8), Array(token.utf8)) else {
            throw .unauthorized
        }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<Swift.max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0xff)
        }
        return difference == 0
    }

    static func isValidRoomName(_ room: String) -> Bool {
        !room.isEmpty && room.count <= 64 && room.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// Letters and digits: ICE's ice-char set (RFC 8839 §5.4) minus '+' and '/', safe in URLs too.
    static func randomToken(_ length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
