import JanusProtocol
import Logging

/// How `JanusRoomSource` talks to Janus: requests with their synchronous
/// answers (`success`, `ack`, or an error thrown as `.refused`), and the
/// session's events, a batch at a time.
public protocol JanusTransport: Sendable {
    func send(_ request: JanusRequest, session: UInt64?, handle: UInt64?) async throws(JanusError) -> JanusMessage
    /// The events Janus has for the session; waits a while when there are none
    /// (`.timedOut` or an empty batch then).
    func poll(session: UInt64) async throws(JanusError) -> [JanusMessage]
    func close() async
}

extension JanusTransport {
    public func send(_ request: JanusRequest, session: UInt64? = nil) async throws(JanusError) -> JanusMessage {
        try await send(request, session: session, handle: nil)
    }
}

/// The transport for a Janus API URL: http(s):// is the REST transport, ws(s):// the WebSocket one.
public func connectJanusTransport(url: String, token: String?, logger: Logger) async throws(JanusError) -> any JanusTransport {
    if url.hasPrefix("ws://") || url.hasPrefix("wss://") { return try await JanusWebSocketClient.connect(url: url, token: token, logger: logger) }
    return try JanusHTTPClient(url: url, token: token)
}
