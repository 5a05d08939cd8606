/// Why a storage request failed, in words an operator can act on.
public enum S3Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered with an error: its S3 code (`NoSuchBucket`, …) when the body said one.
    case service(status: Int, code: String?, message: String?, resource: String?)
    /// No answer: refused, reset, timed out.
    case unreachable(String)
    /// An answer that makes no sense (bad XML, a missing field, a size or checksum that does not match).
    case invalidAnswer(String)
    /// A local file could not be read or written.
    case localFile(String)

    public var code: String? { if case let .service(_, code, _, _) = self { code } else { nil } }

    /// Whether trying again later may help: throttling, server faults and
    /// network failures do; a refused signature or a missing bucket do not
    /// until someone changes the configuration.
    public var isTransient: Bool {
        switch self {
        case let .service(status, code, _, _):
            if let code, ["SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "RequestTimeTooSkewed"].contains(code) { return true }
            return status >= 500 || status == 429 || status == 408
        case .unreachable, .invalidAnswer: return true
        case .localFile: return false
        }
    }

    public var description: String {
        switch self {
        case let .service(status, code, message, resource):
            let detail = message.map { ": \($0)" } ?? ""
            let at = resource.map { " (\($0))" } ?? ""
            switch code {
            case "NoSuchBucket"?: return "NoSuchBucket: the bucket does not exist\(at)"
            case "AccessDenied"?: return "AccessDenied: the credentials may not do this\(at)\(detail)"
            case "SignatureDoesNotMatch"?:
                return "SignatureDoesNotMatch: the storage refused the request's signature; check the secret key (--s3-secret-key or AWS_SECRET_ACCESS_KEY)"
            case "InvalidAccessKeyId"?: return "InvalidAccessKeyId: the storage knows no such access key; check --s3-access-key or AWS_ACCESS_KEY_ID"
            case "SlowDown"?: return "SlowDown: the storage asks for fewer requests; retrying later"
            case "NoSuchKey"?: return "NoSuchKey: no such object\(at)"
            case "NoSuchUpload"?: return "NoSuchUpload: the multipart upload is gone (completed or aborted)\(at)"
            case "BadDigest"?: return "BadDigest: the storage received bytes whose MD5 differs from the one sent"
            case let code?: return "\(code) (HTTP \(status))\(at)\(detail)"
            case nil: return "the storage answered HTTP \(status)\(at)\(detail)"
            }
        case let .unreachable(reason): return "the storage cannot be reached: \(reason)"
        case let .invalidAnswer(reason): return "the storage's answer is not usable: \(reason)"
        case let .localFile(reason): return reason
        }
    }

    /// The error an S3 answer's body states (`<Error><Code>…`), or the bare status when the body says nothing.
    public static func from(status: Int, body: [UInt8]) -> S3Error {
        guard !body.isEmpty, let root = try? XMLTree.parse(body), root.name == "Error" else {
            return .service(status: status, code: Self.code(forStatus: status), message: nil, resource: nil)
        }
        return .service(status: status, code: root.value("Code"), message: root.value("Message").map(Self.clean),
                        resource: root.value("Resource") ?? root.value("Key") ?? root.value("BucketName"))
    }

    /// HEAD answers carry no body: the usual code for the status.
    static func code(forStatus status: Int) -> String? {
        switch status {
        case 403: "AccessDenied"
        case 404: "NotFound"
        case 503: "SlowDown"
        default: nil
        }
    }

    /// At most 300 characters, no control characters: fit for a job's message and a log line.
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.prefix(300)))
    }
}
