/// Where objects go: `s3://BUCKET/PREFIX`. The bucket name follows S3's
/// rules (3–63 of `a–z 0–9 . -`, starting and ending with a letter or
/// digit); the prefix is a path of safe segments, no `..`, no empty parts.
public struct S3Location: Equatable, Sendable, CustomStringConvertible {
    public let bucket: String
    /// Without leading or trailing `/`; empty for the bucket's root.
    public let prefix: String

    public init(bucket: String, prefix: String) throws(S3LocationError) {
        guard (3...63).contains(bucket.utf8.count),
              bucket.utf8.allSatisfy({ Self.isBucketByte($0) }),
              let first = bucket.utf8.first, let last = bucket.utf8.last,
              Self.isLetterOrDigit(first), Self.isLetterOrDigit(last) else {
            throw .invalid("bucket \"\(bucket)\": a bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit")
        }
        self.bucket = bucket
        self.prefix = try Self.validated(prefix: prefix)
    }

    /// Parses `s3://BUCKET` or `s3://BUCKET/PREFIX[/]`.
    public init(url: String) throws(S3LocationError) {
        guard url.hasPrefix("s3://") else { throw .invalid("\"\(url)\" is not an s3:// URL (s3://BUCKET/PREFIX)") }
        let rest = url.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        try self.init(bucket: String(bucket), prefix: String(rest.dropFirst(bucket.count)))
    }

    /// A prefix (`a/b`, `/a/b/`) checked and trimmed of its outer slashes.
    public static func validated(prefix: String) throws(S3LocationError) -> String {
        var trimmed = Substring(prefix)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard trimmed.utf8.count <= 512 else { throw .invalid("the prefix is longer than 512 bytes") }
        if trimmed.isEmpty { return "" }
        for segment in trimmed.split(separator: "/", omittingEmptySubsequences: false) {
            guard !segment.isEmpty, segment != ".", segment != "..",
                  segment.utf8.allSatisfy({ URIEncoding.isUnreserved($0) || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") }) else {
                throw .invalid("prefix \"\(prefix)\": each part is letters, digits and - . _ ~ = +, with no empty, . or .. parts")
            }
        }
        return String(trimmed)
    }

    /// The object key of `path` (relative, e.g. `recordings/ID/recording.mp4`) under the prefix.
    public func key(_ path: String) -> String { prefix.isEmpty ? path : prefix + "/" + path }

    /// The same bucket with another prefix.
    public func with(prefix: String) throws(S3LocationError) -> S3Location { try S3Location(bucket: bucket, prefix: prefix) }

    public var description: String { "s3://\(bucket)" + (prefix.isEmpty ? "" : "/" + prefix) }

    /// `s3://BUCKET/KEY` of one object.
    public func url(ofKey key: String) -> String { "s3://\(bucket)/\(key)" }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isBucketByte(_ byte: UInt8) -> Bool { isLetterOrDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") }
}

public enum S3LocationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    public var description: String { if case let .invalid(text) = self { text } else { "" } }
}
