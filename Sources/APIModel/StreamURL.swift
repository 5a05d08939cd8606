/// A live stream destination as a request names it: RTMP(S) or SRT ingest
/// URLs, whose stream key (RTMP: the last path segment; SRT: the query's
/// `streamid` and `passphrase`) is a secret that the job never shows.
public enum StreamURL {
    public static let maximumLength = 2048
    /// What a hidden part is shown as.
    public static let hidden = "****"

    /// Why `url` cannot be a stream destination, or nil when it can.
    public static func refusal(_ url: String) -> String? {
        guard !url.isEmpty, url.utf8.count <= maximumLength else { return "a stream URL is 1 to \(maximumLength) bytes" }
        guard url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return "a stream URL is printable ASCII without spaces"
        }
        let lower = url.lowercased()
        guard let scheme = ["rtmp://", "rtmps://", "srt://"].first(where: { lower.hasPrefix($0) }) else {
            return "a stream URL starts with rtmp://, rtmps:// or srt://"
        }
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard !authority.isEmpty, !authority.contains("@") else { return "a stream URL names a host (credentials go in the stream key)" }
        if scheme != "srt://", rest.dropFirst(authority.count).split(separator: "/").isEmpty {
            return "an RTMP URL names an application and a stream key (rtmp://host/app/key)"
        }
        return nil
    }

    /// Whether the URL is a stored one, its key hidden: no destination to send to.
    public static func isRedacted(_ url: String) -> Bool { url.contains(hidden) }

    /// The URL with its secret parts replaced by `hidden`: what the job shows and stores.
    public static func redacted(_ url: String) -> String {
        let scheme = url.prefix { $0 != ":" }
        let queryStart = url.firstIndex(of: "?")
        let beforeQuery = queryStart.map { String(url[..<$0]) } ?? url
        if scheme.lowercased() == "srt" {
            guard let queryStart else { return url }
            let pairs = url[url.index(after: queryStart)...].split(separator: "&").map { pair -> String in
                let name = pair.prefix { $0 != "=" }
                return ["streamid", "passphrase"].contains(name.lowercased()) ? name + "=" + hidden : String(pair)
            }
            return beforeQuery + "?" + pairs.joined(separator: "&")
        }
        // rtmp://host/app/KEY: the key is the last segment; a query may carry more of it.
        guard let lastSlash = beforeQuery.lastIndex(of: "/"), beforeQuery.distance(from: beforeQuery.startIndex, to: lastSlash) > scheme.count + 2 else {
            return beforeQuery
        }
        return String(beforeQuery[...lastSlash]) + hidden
    }
}
