import Foundation
import Outbound
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The HTTP side of pulling a stream from a WHEP server (WebRTC-HTTP Egress
/// Protocol, draft-ietf-wish-whep): POST our offer, get the answer and the
/// session's resource URL (Location), DELETE that URL to hang up. tessera
/// offers every candidate up front, so it has nothing to trickle; the
/// server's candidates come in its answer.
public struct WHEPClient: Sendable {
    public var url: String
    public var token: String?
    public var timeoutSeconds: Double

    /// The server's session: where to send DELETE (and PATCH).
    public struct Session: Sendable, Equatable {
        public var resource: URL?
        public var etag: String?
    }

    public init(url: String, token: String? = nil, timeoutSeconds: Double = 10) {
        self.url = url
        self.token = token
        self.timeoutSeconds = timeoutSeconds
    }

    /// POSTs the offer; a 201 with an SDP answer is success (WHEP §4.2; a 200 is taken too).
    public func offer(_ sdp: String) async throws(WHEPError) -> (answer: String, session: Session) {
        guard let endpoint = URL(string: url), ["http", "https"].contains(endpoint.scheme ?? "") else {
            throw .badURL(url)
        }
        var request = URLRequest(url: endpoint, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/sdp", forHTTPHeaderField: "Content-Type")
        request.setValue("application/sdp", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(sdp.utf8)
        let response: OutboundHTTP.Response
        do { response = try await OutboundHTTP.shared.send(request) } catch { throw .unreachable(url, error.description) }
        let data = response.body
        switch response.status {
        case 200, 201: break
        case 401, 403: throw .refused(response.status, "the WHEP server refused the token")
        case 300..<400:
            // Not followed: the token would go wherever the server says.
            throw .refused(response.status, "the WHEP server redirects elsewhere; tessera follows no redirects: give the final URL")
        default:
            let text = OutboundHTTP.excerpt(data)
            throw .refused(response.status, text.isEmpty ? "no reason given" : text)
        }
        guard data.count <= 256 * 1024, let answer = String(data: data, encoding: .utf8), answer.hasPrefix("v=") else {
            throw .badAnswer("the body of the WHEP server's answer is not an SDP")
        }
        // Location is relative to the endpoint (RFC 9110 §10.2.2). One on another
        // origin is not taken: DELETE carries the token.
        let location = response.header("Location").flatMap { URL(string: $0, relativeTo: endpoint)?.absoluteURL }
            .flatMap { Self.sameOrigin($0, endpoint) ? $0 : nil }
        return (answer, Session(resource: location, etag: response.header("ETag")))
    }

    /// Ends the server's session (WHEP §4.3); a server without a Location gets nothing.
    /// Returns the HTTP status, or nil when there was nothing to send or no answer.
    @discardableResult
    public func delete(_ session: Session) async -> Int? {
        guard let resource = session.resource else { return nil }
        var request = URLRequest(url: resource, timeoutInterval: timeoutSeconds)
        request.httpMethod = "DELETE"
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return (try? await OutboundHTTP.shared.send(request))?.status
    }

    /// Same scheme, host and port (RFC 6454 §4).
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func port(_ url: URL) -> Int? { url.port ?? (url.scheme == "https" ? 443 : url.scheme == "http" ? 80 : nil) }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && port(a) == port(b)
    }
}

public enum WHEPError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String)
    case unreachable(String, String)
    case refused(Int, String)
    case badAnswer(String)

    public var description: String {
        switch self {
        case let .badURL(url): "\(url) is not an http:// or https:// URL"
        case let .unreachable(url, reason): "the WHEP server at \(url) cannot be reached: \(reason)"
        case let .refused(status, reason): "the WHEP server answered HTTP \(status): \(reason)"
        case let .badAnswer(reason): reason
        }
    }
}
