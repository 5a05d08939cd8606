import Foundation
import HTTPTypes
import JanusProtocol
import Logging
import HummingbirdWSClient

/// The Janus API over WebSocket (Janus' websockets transport, subprotocol
/// `janus-protocol`): one socket carries every request, with its session and
/// handle in the body, and every event, pushed as it happens. Answers are
/// matched to their requests by transaction; everything else is queued for
/// `poll`. Deployments that turn Janus' HTTP transport off still have this one.
public actor JanusWebSocketClient: JanusTransport {
    public let url: String
    public let token: String?
    public var requestTimeoutSeconds: Double = 10
    /// How long `poll` waits for an event before it answers with none.
    public var pollTimeoutSeconds: Double = 25

    private let outgoing: AsyncStream<String>.Continuation
    private var answers: [String: CheckedContinuation<JanusMessage, Error>] = [:]
    private var events: [JanusMessage] = []
    private var eventWaiter: CheckedContinuation<Void, Never>?
    private var pollTimer: Task<Void, Never>?
    private var closedReason: String?
    private var running: Task<Void, Never>?
    /// Messages that could not be read (logged with the reason, then skipped).
    public private(set) var malformedMessages = 0
    private let logger: Logger

    private init(url: String, token: String?, outgoing: AsyncStream<String>.Continuation, logger: Logger) {
        self.url = url
        self.token = token
        self.outgoing = outgoing
        self.logger = logger
    }

    /// Opens the socket; throws when the server cannot be reached or refuses the upgrade.
    public static func connect(url: String, token: String?, logger: Logger) async throws(JanusError) -> JanusWebSocketClient {
        guard let parsed = URL(string: url), ["ws", "wss"].contains(parsed.scheme ?? ""), !(parsed.host ?? "").isEmpty else { throw .badURL(url) }
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let client = JanusWebSocketClient(url: url, token: token, outgoing: continuation, logger: logger)
        await client.start(stream)
        // A round trip proves the socket is up and Janus is behind it: a keepalive
        // without a session is answered with an error, which is answer enough.
        do { _ = try await client.send(.keepalive(), session: nil, handle: nil) } catch .refused {
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    private func start(_ stream: AsyncStream<String>) {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders[HTTPField.Name("Sec-WebSocket-Protocol")!] = "janus-protocol"
        configuration.maxFrameSize = JanusMessage.maximumBytes
        let url = self.url, logger = self.logger
        running = Task {
            do {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await text in stream { try await outbound.writeTextMessage(text) }
                            try await outbound.close(.normalClosure, reason: "bye")
                        }
                        group.addTask {
                            for try await message in inbound.messages(maxSize: JanusMessage.maximumBytes) {
                                guard case let .text(text) = message else { continue }
                                await self.received(text)
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                self.ended("the server closed the WebSocket")
            } catch {
                self.ended("\(error)")
            }
        }
    }

    public func send(_ request: JanusRequest, session: UInt64?, handle: UInt64?) async throws(JanusError) -> JanusMessage {
        if let closedReason { throw .unreachable(url, closedReason) }
        let transaction = request.transaction
        let text = String(decoding: request.authorized(token, session: session, handle: handle).encoded(), as: UTF8.self)
        let timeout = requestTimeoutSeconds
        let answer: JanusMessage
        do {
            answer = try await withCheckedThrowingContinuation { continuation in
                answers[transaction] = continuation
                outgoing.yield(text)
                Task {
                    try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                    self.fail(transaction, JanusError.timedOut("an answer to \(request.janus)"))
                }
            }
        } catch let error as JanusError {
            throw error
        } catch {
            throw .unreachable(url, "\(error)")
        }
        if case let .error(_, code, reason) = answer { throw .refused(code: code, reason: reason) }
        return answer
    }

    public func poll(session: UInt64) async throws(JanusError) -> [JanusMessage] {
        if events.isEmpty {
            if let closedReason { throw .unreachable(url, closedReason) }
            let timeout = pollTimeoutSeconds
            await withCheckedContinuation { continuation in
                eventWaiter = continuation
                pollTimer = Task {
                    try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                    if !Task.isCancelled { self.wakePoller() }
                }
            }
        }
        if events.isEmpty, let closedReason { throw .unreachable(url, closedReason) }
        defer { events.removeAll() }
        return events
    }

    public func close() async {
        outgoing.finish()
        ended("closed by tessera")
    }

    /// One message from Janus: the answer a request waits for, or an event.
    private func received(_ text: String) {
        let messages: [JanusMessage]
        do { messages = try JanusMessage.parse(Array(text.utf8)) } catch {
            malformedMessages += 1
            logger.warning("a malformed message from Janus was skipped", metadata: ["reason": .string("\(error)")])
            return
        }
        for message in messages {
            switch message {
            case let .success(transaction?, _), let .ack(transaction?), let .error(transaction?, _, _):
                // An answer nobody waits for any more (it came after its time-out) is dropped, but an error is kept.
                if let waiting = answers.removeValue(forKey: transaction) {
                    waiting.resume(returning: message)
                } else if case .error = message {
                    events.append(message)
                }
            default:
                events.append(message)
            }
        }
        if !events.isEmpty { wakePoller() }
    }

    private func fail(_ transaction: String, _ error: JanusError) {
        answers.removeValue(forKey: transaction)?.resume(throwing: error)
    }

    private func wakePoller() {
        pollTimer?.cancel()
        pollTimer = nil
        eventWaiter?.resume()
        eventWaiter = nil
    }

    private func ended(_ reason: String) {
        guard closedReason == nil else { return }
        closedReason = reason
        outgoing.finish()
        for (_, waiting) in answers { waiting.resume(throwing: JanusError.unreachable(url, reason)) }
        answers.removeAll()
        wakePoller()
    }
}
