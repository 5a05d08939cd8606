import Foundation
import Signing

/// A small S3 client: each operation tessera needs, signed with `SigV4`,
/// sent through `S3Transport` (no redirects followed, bounded answers,
/// a deadline over each whole exchange). Bodies go up as one piece of at most
/// a multipart part; downloads go straight to a file.
public final class S3Client: Sendable {
    public let endpoint: S3Endpoint
    let credentials: S3Credentials
    let http: S3Transport
    let timeoutSeconds: Double
    let now: @Sendable () -> Date

    public init(endpoint: S3Endpoint, credentials: S3Credentials, timeoutSeconds: Double = 120, now: @escaping @Sendable () -> Date = Date.init) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.timeoutSeconds = timeoutSeconds
        self.now = now
        http = S3Transport(maximumBodyBytes: 8 << 20)
    }

    /// ListObjectsV2 pages read at most (1000 keys each): a job has a handful of objects.
    static let maximumListingPages = 1000

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]

        public func header(_ name: String) -> String? { headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value }
        public var etag: String? { header("ETag").map(S3Answers.unquoted) }
    }

    /// Signs and sends one request. A status outside 2xx (and outside `accept`) is thrown as the error its body states.
    func send(_ method: String, bucket: String, key: String = "", query: [(name: String, value: String)] = [],
              headers extra: [(name: String, value: String)] = [], body: Data? = nil, bodyTo file: String? = nil,
              accept: Set<Int> = []) async throws(S3Error) -> Response {
        let path = endpoint.encodedPath(bucket: bucket, key: key)
        let authority = endpoint.authority(bucket: bucket)
        let amzDate = AmzDate.text(now())
        var headers: [(name: String, value: String)] = [("host", authority), ("x-amz-date", amzDate),
                                                         ("x-amz-content-sha256", SigV4.unsignedPayload)]
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        headers += extra
        let signed = SigV4Request(method: method, encodedPath: path, query: query, headers: headers, payloadHash: SigV4.unsignedPayload)
        let authorization = SigV4.authorization(signed, credentials: credentials, scope: .init(region: endpoint.region), amzDate: amzDate)
        let queryText = SigV4.canonicalQuery(query)
        let url = "\(endpoint.scheme)://\(authority)\(path)" + (queryText.isEmpty ? "" : "?" + queryText)
        var sent = headers
        sent.append(("authorization", authorization))
        sent.append(("user-agent", "tessera"))
        // Downloads may be large: their deadline is generous, and a stalled one ends at the transport's read timeout.
        let answer = try await http.send(method: method, url: url, headers: sent, body: body, bodyTo: file,
                                         timeoutSeconds: file == nil ? timeoutSeconds : max(timeoutSeconds, 3600))
        let response = Response(status: answer.status, headers: answer.headers, body: answer.body)
        guard (200..<300).contains(answer.status) || accept.contains(answer.status) else {
            throw S3Error.from(status: answer.status, body: response.body)
        }
        return response
    }

    // MARK: - Objects

    /// PutObject with Content-MD5: the storage refuses bytes that arrive
    /// otherwise (BadDigest), and the ETag it answers is checked against the MD5.
    public func putObject(bucket: String, key: String, body: Data, contentType: String) async throws(S3Error) -> String {
        let md5 = body.md5
        let response = try await send("PUT", bucket: bucket, key: key,
                                      headers: [("content-md5", Data(md5).base64EncodedString()), ("content-type", contentType)], body: body)
        let etag = response.etag ?? ""
        guard etag.lowercased() == HMACDigest.hex(md5) else { throw .invalidAnswer("the stored object's ETag \(etag) is not the MD5 of what was sent") }
        return etag
    }

    /// HeadObject: its size and ETag, or nil when there is no such object.
    public func headObject(bucket: String, key: String) async throws(S3Error) -> (size: Int64, etag: String)? {
        let response = try await send("HEAD", bucket: bucket, key: key, accept: [404])
        if response.status == 404 { return nil }
        guard let size = response.header("Content-Length").flatMap({ Int64($0) }) else { throw .invalidAnswer("HEAD \(key) gave no Content-Length") }
        return (size, response.etag ?? "")
    }

    /// GetObject into a local file (written whole or not at all: a `.partial` is renamed at the end).
    public func download(bucket: String, key: String, to path: String) async throws(S3Error) -> Int64 {
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil) else { throw .localFile("cannot write \(partial)") }
        _ = try await send("GET", bucket: bucket, key: key, bodyTo: partial)
        do {
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: partial, toPath: path)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            return Int64(size)
        } catch { throw .localFile("cannot keep the downloaded \(key) at \(path): \(error.localizedDescription)") }
    }

    /// One byte range of an object, in memory (at most the client's answer cap).
    public func getRange(bucket: String, key: String, range: ClosedRange<Int64>) async throws(S3Error) -> Response {
        try await send("GET", bucket: bucket, key: key, headers: [("range", "bytes=\(range.lowerBound)-\(range.upperBound)")])
    }

    public func deleteObject(bucket: String, key: String) async throws(S3Error) {
        _ = try await send("DELETE", bucket: bucket, key: key, accept: [404])
    }

    /// ListObjectsV2 over every page.
    public func listObjects(bucket: String, prefix: String) async throws(S3Error) -> [S3Answers.Object] {
        var objects: [S3Answers.Object] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let listing = try S3Answers.listing(try await send("GET", bucket: bucket, query: query).body)
            objects += listing.objects
            token = listing.nextContinuationToken
            // A server that hands back a token it gave before, or pages without end, would keep this loop going forever.
            if let token, !seen.insert(token).inserted { throw .invalidAnswer("the listing's continuation token repeats") }
            if seen.count > Self.maximumListingPages { throw .invalidAnswer("more than \(Self.maximumListingPages) pages of objects under \(prefix)") }
        } while token != nil
        return objects
    }

    /// Whether the bucket answers: a listing of at most one key. NoSuchBucket, a refused signature, … are thrown.
    public func checkBucket(_ bucket: String) async throws(S3Error) {
        _ = try await send("GET", bucket: bucket, query: [("list-type", "2"), ("max-keys", "1")])
    }

    /// A GET URL anyone holding it may use until it expires (at most 7 days, as S3 allows).
    public func presignedURL(bucket: String, key: String, expiresSeconds: Int) -> String {
        let path = endpoint.encodedPath(bucket: bucket, key: key)
        let authority = endpoint.authority(bucket: bucket)
        let query = SigV4.presignedQuery(method: "GET", encodedPath: path, host: authority, credentials: credentials,
                                         scope: .init(region: endpoint.region), amzDate: AmzDate.text(now()),
                                         expiresSeconds: max(1, min(expiresSeconds, 604_800)))
        return "\(endpoint.scheme)://\(authority)\(path)?\(query)"
    }
}

/// The `x-amz-date` form of a time: `20130524T000000Z`, UTC.
public enum AmzDate {
    public static func text(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }
}

extension Data {
    /// The MD5 of the bytes, read in place.
    var md5: [UInt8] {
        let digest = Digest(.md5)
        withUnsafeBytes { digest.update($0) }
        return digest.finish()
    }
}
