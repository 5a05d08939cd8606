import Foundation
import Telemetry
import Logging

/// Every built-in room's signaling, and the sockets and recorders in them.
/// The WebSocket driver (Server) hands it members' text; `SignalingRoom`
/// decides; the hub carries out what it decided. Rooms are made on the
/// first join and dropped when the last member leaves.
public actor SignalingHub {
    /// A member's socket, as the driver gives it.
    public struct Connection: Sendable {
        public var send: @Sendable (String) -> Void
        public var close: @Sendable (Int, String) -> Void
        public init(send: @escaping @Sendable (String) -> Void, close: @escaping @Sendable (Int, String) -> Void) {
            self.send = send
            self.close = close
        }
    }

    /// A member who may record asked to start or stop: returns an error text to send back, or nil.
    public typealias RecordRequestHandler = @Sendable (_ room: String, _ start: Bool, _ jobID: String?) async -> String?

    private let endpoint: RoomDirectory
    private let logger: Logger
    private let limits: SignalingRoom.Limits
    private var rooms: [String: SignalingRoom] = [:]
    private var connections: [String: Connection] = [:]
    private var recorders: [String: (peer: RecorderPeer, inbox: AsyncStream<RoomMessage>.Continuation)] = [:]
    private var recordRequests: RecordRequestHandler?
    public private(set) var messagesRefused = 0

    public init(endpoint: RoomDirectory, logger: Logger, limits: SignalingRoom.Limits = SignalingRoom.Limits()) {
        self.endpoint = endpoint
        self.logger = logger
        self.limits = limits
    }

    public func onRecordRequest(_ handler: @escaping RecordRequestHandler) { recordRequests = handler }

    /// Wall-clock microseconds: chat messages carry it, rate limits take differences of it.
    private var now: Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    // MARK: - Members

    public func join(room name: String, peer: SignalingPeer, connection: Connection) {
        let room = rooms[name] ?? SignalingRoom(name: name, limits: limits)
        rooms[name] = room
        connections[peer.id] = connection
        perform(room.connect(peer, now: now), in: room)
        logger.info("room member joined", metadata: ["room": .string(name), "peer": .string(peer.id), "role": .string(peer.role)])
    }

    public func receive(room name: String, from id: String, text: String) {
        guard let room = rooms[name] else { return }
        let before = room.refusedMessages, rateBefore = room.rateRefusals
        perform(room.receive(text, from: id, now: now), in: room)
        count(room, refused: before, rate: rateBefore)
    }

    /// The recorder speaks: its messages are typed already.
    private func receive(room name: String, from id: String, message: MemberMessage) {
        guard let room = rooms[name] else { return }
        let before = room.refusedMessages, rateBefore = room.rateRefusals
        perform(room.receive(message, from: id, now: now), in: room)
        count(room, refused: before, rate: rateBefore)
    }

    private func count(_ room: SignalingRoom, refused before: Int, rate rateBefore: Int) {
        messagesRefused += room.refusedMessages - before
        if room.rateRefusals > rateBefore { Limit.roomRequests.count(room.rateRefusals - rateBefore) }
    }

    public func leave(room name: String, peer id: String) {
        connections[id] = nil
        guard let room = rooms[name] else { return }
        perform(room.disconnect(id), in: room)
        if room.isEmpty { rooms[name] = nil }
        logger.info("room member left", metadata: ["room": .string(name), "peer": .string(id)])
        // Only the recorder is left: the call is over, and so is its recording.
        if !room.isEmpty, room.members.allSatisfy({ $0.role == "recorder" }), let handler = recordRequests {
            let jobID = room.recording.jobID
            Task { _ = await handler(name, false, jobID) }
        }
    }

    // MARK: - The recorder

    /// The recorder joins the room (made if nobody is there yet) and calls everyone in it.
    public func addRecorder(room name: String, jobID: String) -> String {
        let id = "recorder-" + jobID.prefix(8)
        let peer = RecorderPeer(id: id, room: name, directory: endpoint, logger: logger)
        let (inbox, continuation) = AsyncStream.makeStream(of: RoomMessage.self)
        recorders[id] = (peer, continuation)
        // One consumer: the recorder sees its messages in the order the room sent them.
        Task { [weak self] in
            for await message in inbox {
                for reply in await peer.handle(message) { await self?.receive(room: name, from: id, message: reply) }
            }
        }
        let room = rooms[name] ?? SignalingRoom(name: name, limits: limits)
        rooms[name] = room
        perform(room.connect(SignalingPeer(id: id, name: "tessera recorder", role: "recorder"), now: now), in: room)
        perform(room.setRecording(active: true, jobID: jobID), in: room)
        return id
    }

    /// The recorder hangs up and leaves; the room hears that recording stopped.
    public func removeRecorder(room name: String, id: String) async {
        guard let recorder = recorders.removeValue(forKey: id) else { return }
        recorder.inbox.finish()
        await recorder.peer.leave()
        guard let room = rooms[name] else { return }
        perform(room.disconnect(id), in: room)
        perform(room.setRecording(active: false, jobID: nil), in: room)
        if room.isEmpty { rooms[name] = nil }
    }

    /// Members and whether each room records, for status pages and tests.
    public func status() -> [String: (members: Int, recording: Bool)] {
        rooms.mapValues { ($0.members.count, $0.recording.active) }
    }

    // MARK: - Carrying out

    private func perform(_ actions: [SignalingRoom.Action], in room: SignalingRoom) {
        // A broadcast is one message sent to each member in turn: written once.
        var written: (message: RoomMessage, text: String)?
        for action in actions {
            switch action {
            case let .send(to, message):
                if let connection = connections[to] {
                    if written?.message != message { written = (message, message.text) }
                    connection.send(written?.text ?? message.text)
                } else if let recorder = recorders[to] {
                    recorder.inbox.yield(message)
                }
            case let .close(peer, code, reason):
                logger.warning("room member closed", metadata: ["room": .string(room.name), "peer": .string(peer), "reason": .string(reason)])
                connections[peer]?.close(code, reason)
            case let .recordingRequested(start, by):
                let name = room.name, jobID = room.recording.jobID
                guard let handler = recordRequests else { continue }
                Task { [weak self] in
                    if let failure = await handler(name, start, jobID) {
                        await self?.tell(by, RoomMessage.error(code: "record_failed", message: failure).text)
                    }
                }
            }
        }
    }

    private func tell(_ peer: String, _ text: String) { connections[peer]?.send(text) }
}
