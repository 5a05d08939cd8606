import Foundation

/// An HLS playlist (RFC 8216 §4) served through a signed link: each
/// segment it names, and its init segment (`#EXT-X-MAP:URI`), gets a
/// signed link of its own with the playlist link's expiry, so a player
/// holding only the playlist's link can read them all. The names are
/// relative and stay so: the links resolve beside the playlist.
enum SignedPlaylist {
    /// The playlist with each file it names replaced by `sign(name)`; a
    /// line that names something else (a path, a URL) is left out rather
    /// than signed, since the server only wrote plain names.
    static func rewrite(_ playlist: String, sign: (String) -> String) -> String {
        var lines: [String] = []
        for line in playlist.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#EXT-X-MAP:URI=\"") {
                let rest = line.dropFirst("#EXT-X-MAP:URI=\"".count)
                guard let quote = rest.firstIndex(of: "\""), isPlainName(rest[..<quote]) else { continue }
                lines.append("#EXT-X-MAP:URI=\"" + sign(String(rest[..<quote])) + String(rest[quote...]))
            } else if line.isEmpty || line.hasPrefix("#") {
                lines.append(line)
            } else if isPlainName(line[...]) {
                lines.append(sign(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A file name beside the playlist: letters, digits, `-`, `_` and `.`, no leading dot.
    static func isPlainName(_ name: Substring) -> Bool {
        !name.isEmpty && name.count <= 128 && name.first != "."
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    /// The largest playlist rewritten (a day of 1 s segments is about 3 MB).
    static let maximumBytes = 8 << 20
}
