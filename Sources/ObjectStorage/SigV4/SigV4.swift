import Signing

/// The access key pair requests are signed with. The secret never leaves
/// the process: it only keys the HMAC chain.
public struct S3Credentials: Sendable, Equatable {
    public var accessKey: String
    public var secretKey: String
    /// For temporary credentials: sent as `x-amz-security-token`.
    public var sessionToken: String?

    public init(accessKey: String, secretKey: String, sessionToken: String? = nil) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.sessionToken = sessionToken
    }
}

/// What a request looks like to the signature: its method, its path as sent
/// (already URI-encoded), its query items (not encoded), its headers and
/// the hash of its payload.
public struct SigV4Request: Sendable, Equatable {
    public var method: String
    public var encodedPath: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var payloadHash: String

    public init(method: String, encodedPath: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)],
                payloadHash: String) {
        self.method = method
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }

    public static func == (a: SigV4Request, b: SigV4Request) -> Bool {
        a.method == b.method && a.encodedPath == b.encodedPath && a.payloadHash == b.payloadHash
            && a.query.map { [$0.name, $0.value] } == b.query.map { [$0.name, $0.value] }
            && a.headers.map { [$0.name, $0.value] } == b.headers.map { [$0.name, $0.value] }
    }
}

/// AWS Signature Version 4, step by step as AWS documents it: the canonical
/// request, the string to sign over its SHA-256, the signing key derived
/// from the secret by an HMAC chain over date, region, service and
/// `aws4_request`, and the signature as lowercase hex. Pure: time comes in
/// as the `amzDate` text (`20130524T000000Z`).
public enum SigV4 {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash of a request whose body is not hashed (S3 checks Content-MD5 instead).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    public static let emptyPayloadHash = HMACDigest.hex(Digest.sha256([]))

    public struct Scope: Sendable, Equatable {
        public var region: String
        public var service: String
        public init(region: String, service: String = "s3") {
            self.region = region
            self.service = service
        }

        func text(date: Substring) -> String { "\(date)/\(region)/\(service)/aws4_request" }
    }

    /// Sorted by name, trimmed, inner runs of spaces folded to one.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (text: String, signed: String) {
        let folded = headers.map { header in
            (name: header.name.lowercased(), value: header.value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
        }.sorted { $0.name < $1.name }
        var merged: [(name: String, value: String)] = []
        for header in folded {
            if let last = merged.last, last.name == header.name { merged[merged.count - 1].value += "," + header.value } else { merged.append(header) }
        }
        return (merged.map { "\($0.name):\($0.value)\n" }.joined(), merged.map(\.name).joined(separator: ";"))
    }

    /// Query items encoded and sorted by name, then value.
    public static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    public static func canonicalRequest(_ request: SigV4Request) -> (text: String, signedHeaders: String) {
        let headers = canonicalHeaders(request.headers)
        let text = [request.method, request.encodedPath.isEmpty ? "/" : request.encodedPath, canonicalQuery(request.query),
                    headers.text, headers.signed, request.payloadHash].joined(separator: "\n")
        return (text, headers.signed)
    }

    public static func stringToSign(canonicalRequest: String, amzDate: String, scope: Scope) -> String {
        [algorithm, amzDate, scope.text(date: amzDate.prefix(8)), HMACDigest.hex(Digest.sha256(Array(canonicalRequest.utf8)))].joined(separator: "\n")
    }

    public static func signingKey(secret: String, date: Substring, scope: Scope) -> [UInt8] {
        let dated = HMACDigest.sha256(key: Array(("AWS4" + secret).utf8), Array(date.utf8))
        let regional = HMACDigest.sha256(key: dated, Array(scope.region.utf8))
        let service = HMACDigest.sha256(key: regional, Array(scope.service.utf8))
        return HMACDigest.sha256(key: service, Array("aws4_request".utf8))
    }

    public static func signature(_ request: SigV4Request, credentials: S3Credentials, scope: Scope, amzDate: String) -> (signature: String, signedHeaders: String) {
        let canonical = canonicalRequest(request)
        let toSign = stringToSign(canonicalRequest: canonical.text, amzDate: amzDate, scope: scope)
        let key = signingKey(secret: credentials.secretKey, date: amzDate.prefix(8), scope: scope)
        return (HMACDigest.hex(HMACDigest.sha256(key: key, Array(toSign.utf8))), canonical.signedHeaders)
    }

    /// The `Authorization` header for `request`, whose headers must already hold `x-amz-date` (and `host`).
    public static func authorization(_ request: SigV4Request, credentials: S3Credentials, scope: Scope, amzDate: String) -> String {
        let signed = signature(request, credentials: credentials, scope: scope, amzDate: amzDate)
        return "\(algorithm) Credential=\(credentials.accessKey)/\(scope.text(date: amzDate.prefix(8))), "
            + "SignedHeaders=\(signed.signedHeaders), Signature=\(signed.signature)"
    }

    /// The query of a presigned URL (AWS "query string authentication"):
    /// the request's own query plus the `X-Amz-*` items, the signature last.
    /// Only `host` is signed, and the payload is `UNSIGNED-PAYLOAD`.
    public static func presignedQuery(method: String, encodedPath: String, host: String, query: [(name: String, value: String)] = [],
                                      credentials: S3Credentials, scope: Scope, amzDate: String, expiresSeconds: Int) -> String {
        var items = query
        items.append(("X-Amz-Algorithm", algorithm))
        items.append(("X-Amz-Credential", "\(credentials.accessKey)/\(scope.text(date: amzDate.prefix(8)))"))
        items.append(("X-Amz-Date", amzDate))
        items.append(("X-Amz-Expires", String(expiresSeconds)))
        if let token = credentials.sessionToken { items.append(("X-Amz-Security-Token", token)) }
        items.append(("X-Amz-SignedHeaders", "host"))
        let request = SigV4Request(method: method, encodedPath: encodedPath, query: items, headers: [("host", host)], payloadHash: unsignedPayload)
        let signed = signature(request, credentials: credentials, scope: scope, amzDate: amzDate)
        return canonicalQuery(items) + "&X-Amz-Signature=" + signed.signature
    }
}
