/// A request the service refuses, with what the client should see: the
/// HTTP status, a machine-readable code and a sentence for people.
public struct ServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String
    /// For 503: seconds after which trying again may work.
    public var retryAfter: Int?

    public init(status: Int, code: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(status) \(code): \(message)" }

    public static func invalid(_ message: String) -> ServiceError { ServiceError(status: 400, code: "invalid_request", message: message) }
    public static func notFound(_ message: String) -> ServiceError { ServiceError(status: 404, code: "not_found", message: message) }
    public static func conflict(_ message: String) -> ServiceError { ServiceError(status: 409, code: "conflict", message: message) }
}
