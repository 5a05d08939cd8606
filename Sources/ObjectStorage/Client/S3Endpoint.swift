import Foundation

/// The storage server: its base URL, its region (part of every signature's
/// scope) and whether buckets are addressed in the path
/// (`http://host/BUCKET/KEY`, as most S3-compatible servers want) or in the
/// host name (`http://BUCKET.host/KEY`, AWS's default).
public struct S3Endpoint: Equatable, Sendable {
    public let scheme: String
    public let host: String
    public let port: Int?
    public let region: String
    public let pathStyle: Bool

    public init(url: String, region: String = "us-east-1", pathStyle: Bool = true) throws(S3LocationError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty, components.query == nil, (components.path.isEmpty || components.path == "/"),
              components.user == nil else {
            throw .invalid("--s3-endpoint \"\(url)\": give the server's base URL, http(s)://HOST[:PORT], with no path or query")
        }
        guard !region.isEmpty, region.utf8.count <= 64, region.utf8.allSatisfy({ URIEncoding.isUnreserved($0) }) else {
            throw .invalid("--s3-region \"\(region)\": a region is letters, digits and hyphens (us-east-1)")
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = components.port
        self.region = region
        self.pathStyle = pathStyle
    }

    /// `host[:port]` as the Host header carries it; a default port is left out, as HTTP clients leave it.
    func authority(bucket: String) -> String {
        let name = pathStyle ? host : bucket + "." + host
        let bracketed = name.contains(":") && !name.hasPrefix("[") ? "[\(name)]" : name
        guard let port, port != (scheme == "https" ? 443 : 80) else { return bracketed }
        return bracketed + ":\(port)"
    }

    /// The encoded path of an object (or of the bucket when `key` is empty).
    func encodedPath(bucket: String, key: String) -> String {
        let object = URIEncoding.encode(key, keepingSlash: true)
        return pathStyle ? "/\(bucket)" + (key.isEmpty ? "" : "/" + object) : "/" + object
    }
}
