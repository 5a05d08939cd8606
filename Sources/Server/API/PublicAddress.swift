import Hummingbird

/// The base of the absolute URLs the API hands out (call links, download
/// links): `--public-url` when set, else the scheme and `Host` the request
/// came with. A Host that is not a plain host[:port] is not echoed into a
/// URL: the server's own address stands in for it.
struct PublicAddress: Sendable {
    var configured: String?
    var fallbackHost: String

    func base(for request: Request) -> String {
        if let configured { return configured }
        let host = request.head.authority ?? ""
        let scheme = request.head.scheme == "https" ? "https" : "http"
        return "\(scheme)://\(Self.isPlainHost(host) ? host : fallbackHost)"
    }

    /// The WebSocket form of `base`: ws:// or wss://.
    func webSocketBase(for request: Request) -> String {
        let base = base(for: request)
        return base.hasPrefix("https://") ? "wss://" + base.dropFirst(8) : "ws://" + base.dropFirst(base.hasPrefix("http://") ? 7 : 0)
    }

    /// Letters, digits, '.', '-', ':' and an IPv6 literal's brackets, at most 255 characters.
    static func isPlainHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255 && host.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-:[]".unicodeScalars.contains($0)
        }
    }
}
