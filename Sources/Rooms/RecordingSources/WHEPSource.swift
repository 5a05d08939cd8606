import Foundation
import Logging

/// Pulls one stream from a WHEP server into the room: our offer, the
/// server's answer, the connection (tessera controls ICE). Stopping hangs
/// up on the server first (WHEP §4.3), then drops our side.
public actor WHEPSource: RecordingSource {
    private let client: WHEPClient
    private let endpoint: RoomDirectory
    private let room: String
    private let participantID: String
    private let participantName: String
    private let logger: Logger
    private var pulled: (session: WHEPClient.Session, ufrag: String)?

    public init(url: String, token: String?, participantName: String, room: String, participantID: String,
                endpoint: RoomDirectory, logger: Logger) {
        client = WHEPClient(url: url, token: token)
        self.endpoint = endpoint
        self.room = room
        self.participantID = participantID
        self.participantName = participantName
        self.logger = logger
    }

    public nonisolated var endsWithItsRoom: Bool { true }

    public func start() async throws {
        let call = endpoint.makeCallOffer()
        let (answer, session) = try await client.offer(call.sdp)
        do {
            let ufrag = try await endpoint.connectCall(call, answer: answer, room: room, participantID: participantID, name: participantName)
            pulled = (session, ufrag)
        } catch {
            await client.delete(session)
            throw error
        }
    }

    public func stop(reason: String) async {
        guard let pulled else { return }
        self.pulled = nil
        var status = await client.delete(pulled.session)
        // No answer (a refused or reset connection, a timeout): one more try, so the server is not left holding the session.
        if status == nil, pulled.session.resource != nil {
            logger.warning("the WHEP server did not answer the DELETE; trying once more", metadata: ["resource": .string(pulled.session.resource?.absoluteString ?? "")])
            status = await client.delete(pulled.session)
        }
        logger.info("WHEP session ended", metadata: ["resource": .string(pulled.session.resource?.absoluteString ?? "none"),
                                                    "status": .string(status.map(String.init) ?? "no answer")])
        await endpoint.hangUp(ufrag: pulled.ufrag, reason: reason)
    }
}
