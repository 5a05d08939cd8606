import Foundation
import JanusProtocol
import Logging

/// A Janus VideoRoom as the source of a recording: tessera joins the room
/// through the Janus API (HTTP or WebSocket), subscribes to every publisher (one subscriber
/// handle each: Janus offers, tessera answers through the same receive-only
/// connection a WHIP publisher gets) and follows publishers as they come and
/// go. The decisions are `JanusSubscriptions`'; this actor only talks.
///
/// A watching handle joins the room as a publisher that never publishes,
/// so Janus tells it of every publisher (`publishers`, `unpublished`,
/// `leaving`); the session is kept alive by keepalives every 20 s (Janus'
/// default session timeout is 60 s).
public actor JanusRoomSource {
    public struct Settings: Sendable {
        public var url: String
        public var room: JanusID
        public var pin: String?
        public var token: String?
        /// The name other members of the Janus room see for the recorder.
        public var display: String
        public init(url: String, room: JanusID, pin: String? = nil, token: String? = nil, display: String = "tessera recorder") {
            self.url = url
            self.room = room
            self.pin = pin
            self.token = token
            self.display = display
        }
    }

    public let settings: Settings
    /// The media room (the recording's) every subscribed publisher joins.
    public let room: String
    private let client: any JanusTransport
    private let endpoint: RoomDirectory
    private let logger: Logger
    private let onEnded: @Sendable (String) async -> Void
    private var session: UInt64 = 0
    private var watcher: UInt64 = 0
    private var plan = JanusSubscriptions()
    private var tasks: [Task<Void, Never>] = []
    private var ended = false
    /// Messages from Janus that could not be read (each is logged with its reason).
    public private(set) var malformedMessages = 0

    private init(settings: Settings, room: String, client: any JanusTransport, endpoint: RoomDirectory, logger: Logger,
                 onEnded: @escaping @Sendable (String) async -> Void) {
        self.settings = settings
        self.room = room
        self.client = client
        self.endpoint = endpoint
        self.logger = logger
        self.onEnded = onEnded
    }

    /// Joins the Janus room and subscribes to whoever publishes there.
    /// Throws when Janus cannot be reached or refuses (no such room, wrong pin or token).
    /// `onEnded` is called once if the Janus side goes away while recording.
    public static func connect(_ settings: Settings, room: String, endpoint: RoomDirectory, logger: Logger,
                               onEnded: @escaping @Sendable (String) async -> Void) async throws(JanusError) -> JanusRoomSource {
        let client = try await connectJanusTransport(url: settings.url, token: settings.token, logger: logger)
        let source = JanusRoomSource(settings: settings, room: room, client: client, endpoint: endpoint, logger: logger, onEnded: onEnded)
        do { try await source.join() } catch {
            await source.close()
            throw error
        }
        return source
    }

    private func join() async throws(JanusError) {
        session = try await Self.id(of: client.send(.create()), "create")
        watcher = try await Self.id(of: client.send(.attach(), session: session), "attach")
        _ = try await client.send(.watch(room: settings.room, pin: settings.pin, display: settings.display), session: session, handle: watcher)
        // The join's result is an event on the watching handle; others that come first wait their turn.
        var backlog: [JanusMessage] = []
        let deadline = Date().addingTimeInterval(10)
        joining: while Date() < deadline {
            let messages: [JanusMessage]
            do { messages = try await client.poll(session: session) } catch JanusError.timedOut { continue }
            for (index, message) in messages.enumerated() {
                guard case let .event(handle, _, event, _) = message, handle == watcher else { backlog.append(message); continue }
                if let code = event.errorCode { throw .refused(code: code, reason: event.error ?? "no reason given") }
                guard event.kind == "joined" else { backlog.append(message); continue }
                plan.ownFeed = event.id
                logger.info("joined the Janus room", metadata: ["janus": .string(settings.url), "janusRoom": .string("\(settings.room)"),
                                                               "publishers": .stringConvertible(event.publishers.count)])
                await perform(plan.listed(event.publishers))
                backlog += messages[(index + 1)...]
                break joining
            }
        }
        guard plan.ownFeed != nil else { throw .timedOut("joining room \(settings.room)") }
        for message in backlog { await handle(message) }
        tasks.append(Task { await self.pollForever() })
        tasks.append(Task { await self.keepAlive() })
    }

    /// Hangs up every call, leaves the room and ends the Janus session.
    public func stop(reason: String) async {
        guard !ended else { return }
        ended = true
        for task in tasks { task.cancel() }
        await perform(plan.endAll(reason: reason))
        await close()
    }

    /// The publishers subscribed to right now (their feed ids), for tests and logs.
    public var subscribedFeeds: Set<JanusID> { plan.feedIDs }

    private func close() async {
        if session != 0 {
            if watcher != 0 { _ = try? await client.send(.leave(), session: session, handle: watcher) }
            _ = try? await client.send(.destroy(), session: session)
            session = 0
        }
        await client.close()
    }

    private func pollForever() async {
        var failures = 0
        while !ended && !Task.isCancelled {
            do {
                let messages = try await client.poll(session: session)
                failures = 0
                for message in messages where !ended { await handle(message) }
            } catch JanusError.timedOut {
                continue
            } catch JanusError.malformed(let reason) {
                malformedMessages += 1
                logger.warning("a malformed message from Janus was skipped", metadata: ["reason": .string(reason)])
            } catch {
                guard !ended else { return }
                failures += 1
                logger.warning("polling Janus failed", metadata: ["error": .string("\(error)"), "failures": .stringConvertible(failures)])
                // Three failures in a row, a few seconds apart: the server is gone (restarted, or the session expired).
                if failures >= 3 {
                    await sourceEnded("the Janus server went away: \(error)")
                    return
                }
                try? await Task.sleep(nanoseconds: 1_000_000_000)
            }
        }
    }

    private func keepAlive() async {
        while !ended && !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 20_000_000_000)
            guard !ended, !Task.isCancelled else { return }
            do { _ = try await client.send(.keepalive(), session: session) } catch .refused(458, _) {
                // No such session: Janus restarted or let it expire, and sends this one nothing more.
                await sourceEnded("the Janus session expired")
                return
            } catch {
                logger.warning("a Janus keepalive failed", metadata: ["error": .string("\(error)")])
            }
        }
    }

    private func sourceEnded(_ reason: String) async {
        guard !ended else { return }
        logger.warning("the Janus source ended", metadata: ["reason": .string(reason)])
        await perform(plan.endAll(reason: reason))
        ended = true
        for task in tasks { task.cancel() }
        await onEnded(reason)
    }

    private func handle(_ message: JanusMessage) async {
        switch message {
        case let .event(handle, _, event, _) where handle == watcher:
            if event.kind == "destroyed" {
                await sourceEnded("the Janus room was destroyed")
                return
            }
            if !event.publishers.isEmpty { await perform(plan.listed(event.publishers)) }
            if let feed = event.unpublished { await perform(plan.gone(feed, reason: "stopped publishing in Janus")) }
            if let feed = event.leaving { await perform(plan.gone(feed, reason: "left the Janus room")) }
        case let .event(handle, _, event, jsep):
            if let code = event.errorCode {
                logger.warning("Janus refused a subscription", metadata: ["code": .stringConvertible(code), "error": .string(event.error ?? "")])
                await perform(plan.failed(handle: handle))
            } else if let jsep, jsep.type == "offer" {
                await perform(plan.offered(handle: handle, sdp: jsep.sdp))
            }
        case let .hangup(handle, reason) where handle != watcher:
            await perform(plan.hungUp(handle: handle, reason: reason))
        case .sessionTimeout, .error(_, 458, _):
            // 458: no such session (Janus restarted, or the session expired).
            await sourceEnded("the Janus session expired")
        default:
            break
        }
    }

    /// Carries out the plan's steps in order; a step's outcome may add more.
    private func perform(_ actions: [JanusSubscriptions.Action]) async {
        var queue = actions[...]
        while let action = queue.popFirst() {
            switch action {
            case let .attach(feed):
                do {
                    let handle = try await Self.id(of: client.send(.attach(), session: session), "attach")
                    queue += plan.attached(feed: feed, handle: handle)
                } catch {
                    logger.warning("attaching to Janus failed", metadata: ["feed": .string("\(feed)"), "error": .string("\(error)")])
                    queue += plan.failed(feed: feed)
                }
            case let .subscribe(handle, feed):
                do {
                    _ = try await client.send(.subscribe(room: settings.room, pin: settings.pin, feed: feed), session: session, handle: handle)
                } catch {
                    logger.warning("subscribing in Janus failed", metadata: ["feed": .string("\(feed)"), "error": .string("\(error)")])
                    queue += plan.failed(feed: feed)
                }
            case let .answer(handle, offer, participantID, name):
                do {
                    let (answer, ufrag) = try await endpoint.acceptCall(offer: offer, room: room, participantID: participantID, name: name)
                    plan.connected(handle: handle, ufrag: ufrag)
                    _ = try await client.send(.start(answer: answer), session: session, handle: handle)
                    logger.info("subscribed to a Janus publisher", metadata: ["participant": .string(participantID), "name": .string(name ?? "")])
                } catch {
                    logger.warning("a Janus publisher's offer was refused", metadata: ["participant": .string(participantID), "error": .string("\(error)")])
                    queue += plan.failed(handle: handle)
                }
            case let .renegotiate(handle, ufrag, offer):
                do {
                    let answer = try await endpoint.renegotiateCall(ufrag: ufrag, offer: offer)
                    _ = try await client.send(.start(answer: answer), session: session, handle: handle)
                } catch {
                    logger.warning("a Janus renegotiation was refused", metadata: ["error": .string("\(error)")])
                }
            case let .hangUp(ufrag, reason):
                await endpoint.hangUp(ufrag: ufrag, reason: reason)
            case let .detach(handle):
                _ = try? await client.send(.detach(), session: session, handle: handle)
            }
        }
    }

    private static func id(of message: JanusMessage, _ what: String) throws(JanusError) -> UInt64 {
        guard case let .success(_, id?) = message else { throw .malformed("\(what) was not answered with an id") }
        return id
    }
}
