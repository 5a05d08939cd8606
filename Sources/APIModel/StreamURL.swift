/// A live stream destination as a request names it: RTMP(S) or SRT ingest
/// URLs, whose stream key (RTMP: the last path segment; SRT: the query's
/// `streamid` and `passphrase`) is a secret that the job never shows. A
/// hidden key is shown as `****` and a short fingerprint of it, so that
/// destinations on one ingest server stay apart in the job's list.
public enum StreamURL {
    public static let maximumLength = 2048
    /// What a hidden part is shown as.
    public static let hidden = "****"

    /// Why `url` cannot be a stream destination, or nil when it can. The
    /// grammar (the OpenAPI document states it as a pattern):
    /// `rtmp://` or `rtmps://`, a host and port of letters, digits and
    /// `.:-[]`, then two or more non-empty path segments of printable ASCII
    /// (the application, the stream key); or `srt://`, the host and port,
    /// and an optional query (`?streamid=…&passphrase=…`).
    public static func refusal(_ url: String) -> String? {
        guard !url.isEmpty, url.unicodeScalars.count <= maximumLength else { return "a stream URL is 1 to \(maximumLength) characters" }
        guard url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return "a stream URL is printable ASCII without spaces"
        }
        guard let scheme = ["rtmp://", "rtmps://", "srt://"].first(where: { url.hasPrefix($0) }) else {
            return "a stream URL starts with rtmp://, rtmps:// or srt://"
        }
        let rest = url.utf8.dropFirst(scheme.utf8.count)
        let authority = rest.prefix { isAuthorityByte($0) }
        guard !authority.isEmpty else { return "a stream URL names a host (letters, digits and .:-[] ; credentials go in the stream key)" }
        let after = rest.dropFirst(authority.count)
        if after.first == UInt8(ascii: "@") { return "a stream URL names a host without credentials (they go in the stream key)" }
        if scheme == "srt://" {
            guard after.isEmpty || after.first == UInt8(ascii: "?") else { return "an SRT URL is srt://host:port with an optional ?query" }
            return nil
        }
        guard after.first == UInt8(ascii: "/") else { return "an RTMP URL names an application and a stream key (rtmp://host/app/key)" }
        let segments = after.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        guard segments.count >= 2, segments.allSatisfy({ !$0.isEmpty }) else {
            return "an RTMP URL names an application and a stream key (rtmp://host/app/key), with no empty segment"
        }
        return nil
    }

    private static func isAuthorityByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "]"): true
        default: false
        }
    }

    /// The host a valid stream URL names, lowercased, without its port or an IPv6 address's brackets.
    public static func host(_ url: String) -> String {
        let authority = url.drop { $0 != ":" }.dropFirst(3).prefix { $0 != "/" && $0 != "?" }
        if authority.hasPrefix("[") { return String(authority.dropFirst().prefix { $0 != "]" }).lowercased() }
        return String(authority.prefix { $0 != ":" }).lowercased()
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
                return ["streamid", "passphrase"].contains(name.lowercased()) ? name + "=" + hidden + fingerprint(pair.dropFirst(name.count + 1)) : String(pair)
            }
            return beforeQuery + "?" + pairs.joined(separator: "&")
        }
        // rtmp://host/app/KEY: the key is the last segment; a query may carry more of it.
        guard let lastSlash = beforeQuery.lastIndex(of: "/"), beforeQuery.distance(from: beforeQuery.startIndex, to: lastSlash) > scheme.count + 2 else {
            return beforeQuery
        }
        return String(beforeQuery[...lastSlash]) + hidden + fingerprint(url[url.index(after: lastSlash)...])
    }

    /// Eight hex digits of the key's FNV-1a hash: tells keys apart, gives none away.
    static func fingerprint(_ key: Substring) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in key.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
