import Foundation
import Outbound
import JanusProtocol
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The Janus API over HTTP (Janus' REST transport): requests are POSTed to
/// `{base}`, `{base}/{session}` or `{base}/{session}/{handle}`, and a
/// session's events come from long polls (GET `{base}/{session}?maxev=N`,
/// which Janus holds for up to 30 s when it has nothing to say).
public struct JanusHTTPClient: JanusTransport {
    public let base: URL
    public let token: String?
    public var requestTimeoutSeconds: Double = 10
    /// Longer than Janus holds a long poll.
    public var pollTimeoutSeconds: Double = 45

    public init(url: String, token: String?) throws(JanusError) {
        guard let base = URL(string: url.hasSuffix("/") ? String(url.dropLast()) : url), ["http", "https"].contains(base.scheme ?? ""),
              !(base.host ?? "").isEmpty else { throw .badURL(url) }
        self.base = base
        self.token = token
    }

    /// POSTs `request` to the session/handle path; returns Janus' synchronous answer.
    public func send(_ request: JanusRequest, session: UInt64?, handle: UInt64?) async throws(JanusError) -> JanusMessage {
        var url = base
        if let session { url.appendPathComponent(String(session)) }
        if let handle { url.appendPathComponent(String(handle)) }
        var http = URLRequest(url: url, timeoutInterval: requestTimeoutSeconds)
        http.httpMethod = "POST"
        http.setValue("application/json", forHTTPHeaderField: "Content-Type")
        http.httpBody = request.authorized(token).encoded()
        let messages = try await exchange(http)
        guard messages.count == 1 else { throw .malformed("\(messages.count) messages in answer to one request") }
        if case let .error(_, code, reason) = messages[0] { throw .refused(code: code, reason: reason) }
        return messages[0]
    }

    public func poll(session: UInt64) async throws(JanusError) -> [JanusMessage] { try await poll(session: session, maximumEvents: 10) }

    /// One long poll: the events Janus had for the session, possibly none.
    public func poll(session: UInt64, maximumEvents: Int) async throws(JanusError) -> [JanusMessage] {
        guard var components = URLComponents(url: base.appendingPathComponent(String(session)), resolvingAgainstBaseURL: false) else {
            throw .badURL(base.absoluteString)
        }
        var query = "maxev=\(maximumEvents)"
        // A signed token is base64: its '+' would reach Janus as a space unless it is escaped too.
        if let token { query += "&token=" + (token.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "") }
        components.percentEncodedQuery = query
        guard let url = components.url else { throw .badURL(base.absoluteString) }
        return try await exchange(URLRequest(url: url, timeoutInterval: pollTimeoutSeconds))
    }

    public func close() async {}

    /// RFC 3986 §2.3: the characters a query value may carry unescaped.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private func exchange(_ request: URLRequest) async throws(JanusError) -> [JanusMessage] {
        let response: OutboundHTTP.Response
        do { response = try await OutboundHTTP.shared.send(request) } catch {
            if error == .timedOut { throw .timedOut(request.url?.path ?? "") }
            throw .unreachable(base.absoluteString, error.description)
        }
        if (300..<400).contains(response.status) {
            throw .unreachable(base.absoluteString, "HTTP \(response.status): Janus redirects elsewhere; tessera follows no redirects")
        }
        guard (200..<300).contains(response.status) else {
            let text = OutboundHTTP.excerpt(response.body)
            throw .unreachable(base.absoluteString, "HTTP \(response.status)\(text.isEmpty ? "" : ": " + text)")
        }
        return try JanusMessage.parse(response.body)
    }
}
