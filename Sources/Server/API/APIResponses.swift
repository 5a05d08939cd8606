import APIModel
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import Telemetry

/// JSON in and out of the REST API: `{"error": code, "message": text}` for
/// every refusal, with the status the `ServiceError` names.
enum APIResponses {
    static let maximumJSONBytes = 64 * 1024

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct ErrorBody: Encodable {
        var error: String
        var message: String
    }

    static func error(_ error: ServiceError) -> Response {
        var response = json(ErrorBody(error: error.code, message: error.message), status: HTTPResponse.Status(code: error.status))
        if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if error.status == 401 { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    /// Reads a JSON body into `T` strictly (`StrictJSONDecoder`): a body that
    /// is not JSON is a 400 naming the line and column, a wrong type or an
    /// unknown field a 400 naming the field.
    static func decode<T: Decodable, Context: RequestContext>(_ type: T.Type, from request: Request, context: Context) async throws(ServiceError) -> T {
        var request = request
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw ServiceError(status: 415, code: "unsupported_media_type", message: "send the body as Content-Type: application/json")
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maximumJSONBytes) } catch {
            Limit.bodySize.count()
            throw ServiceError(status: 413, code: "too_large", message: "the JSON body is larger than \(maximumJSONBytes) bytes")
        }
        do {
            return try StrictJSONDecoder.decode(T.self, from: body.readableBytesView)
        } catch {
            throw .invalid(error.description)
        }
    }
}
