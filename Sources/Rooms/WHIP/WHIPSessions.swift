import Foundation
import Telemetry
import WebRTC
import WebRTCDriver

/// WHIP (RFC 9725) without HTTP: a publisher's offer becomes a session — a
/// receive-only connection joined to its room through the `RoomDirectory` —
/// which trickle ICE fragments (PATCH) and DELETE address. A session ends
/// with its connection, however that ends.
///
/// `@unchecked Sendable`: `sessions` is touched on the media event loop
/// only; the public methods hop there.
public final class WHIPSessions: @unchecked Sendable {
    public struct Answer: Sendable {
        public var sdp: String
        public var sessionID: String
        /// The session's URL path, for `Location`.
        public var location: String
        public var etag: String
        /// `Link` header values for the configured ICE servers.
        public var links: [String]
    }

    private struct Session {
        var room: String
        var ufrag: String
        var etag: String
    }

    /// How long a DELETEd session keeps receiving what was already on its way.
    static let lingerMilliseconds = 300

    public let directory: RoomDirectory
    private var media: UDPMediaServer { directory.media }
    private var sessions: [String: Session] = [:]

    public init(directory: RoomDirectory) {
        self.directory = directory
        // Set before any offer is taken; called on the event loop.
        directory.onPublisherLeft = { [weak self] ufrag in
            guard let self else { return }
            self.sessions = self.sessions.filter { $0.value.ufrag != ufrag }
        }
    }

    /// POST /whip/{room}: answers the offer and starts receiving.
    public func publish(room: String, offer text: String, name: String? = nil) async throws(WHIPError) -> Answer {
        guard RoomDirectory.isValidRoomName(room) else { throw .malformed("room names are 1–64 letters, digits, '-' or '_'") }
        let local = ICECredentials(ufrag: RoomDirectory.randomToken(8), password: RoomDirectory.randomToken(24))
        let candidates = directory.localCandidates(port: media.ports[directory.nextPortIndex()])
        let negotiated = try Negotiation.answer(
            offer: text, local: AnswerParameters(ice: local, fingerprint: directory.certificate.fingerprint, candidates: candidates),
            settings: directory.negotiationSettings)
        let answer = negotiated.answer, settings = negotiated.connection
        let sessionID = RoomDirectory.randomToken(16)
        let maximum = directory.configuration.maximumPublishers
        let etag: String
        do {
            etag = try await media.eventLoop.submit { () throws -> String in
                guard self.sessions.count < maximum else {
                    Limit.publishers.count()
                    throw WHIPError.unavailable("this server takes at most \(maximum) publishers")
                }
                try self.directory.joinOnLoop(settings, room: room, participantID: "whip-" + sessionID.prefix(8), name: name)
                let etag = "\"" + RoomDirectory.randomToken(8) + "\""
                self.sessions[sessionID] = Session(room: room, ufrag: local.ufrag, etag: etag)
                return etag
            }.get()
        } catch let error as WHIPError {
            throw error
        } catch {
            throw .unavailable("cannot start receiving: \(error)")
        }
        directory.logger.info("WHIP publisher accepted", metadata: ["room": .string(room), "session": .string(sessionID)])
        return Answer(sdp: answer.text, sessionID: sessionID, location: "/whip/\(room)/\(sessionID)", etag: etag,
                      links: directory.configuration.iceServers.map { "<\($0)>; rel=\"ice-server\"" })
    }

    /// PATCH /whip/{room}/{session}: a trickle ICE fragment (RFC 8840):
    /// its candidates are checked by the session's ICE agent. An ICE restart
    /// (new credentials) is refused; mDNS and TCP candidates are skipped.
    public func trickle(room: String, session sessionID: String, fragment: String, ifMatch: String? = nil) async throws(WHIPError) {
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
    public func end(room: String, session sessionID: String) async throws(WHIPError) {
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
}
