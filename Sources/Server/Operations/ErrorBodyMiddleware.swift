import APIModel
import HTTPTypes
import Hummingbird

/// Makes every refusal on every route the same `{error, message}` JSON the
/// API promises: a path no route has is a 404 naming it, a known path with
/// another method a 405 with `Allow` (RFC 9110 §15.5.6), and any error a
/// route throws instead of answering is written as JSON too.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    let catalog: RouteCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            if error.status == .notFound, error.body == nil { return noRoute(request) }
            var response = APIResponses.error(ServiceError(status: Int(error.status.code), code: ErrorCode.of(error.status),
                                                           message: error.body ?? error.status.reasonPhrase))
            for field in error.headers where field.name != .contentType && field.name != .contentLength { response.headers.append(field) }
            return response
        }
    }

    private func noRoute(_ request: Request) -> Response {
        let path = request.uri.path
        guard let methods = catalog.methods(for: path), !methods.contains(request.method.rawValue) else {
            return APIResponses.error(.notFound("no route \(request.method.rawValue) \(path): the routes are listed in /openapi.json"))
        }
        var response = APIResponses.error(ServiceError(status: 405, code: "method_not_allowed",
                                                       message: "\(path) answers \(methods.joined(separator: ", ")), not \(request.method.rawValue)"))
        response.headers[.allow] = methods.joined(separator: ", ")
        return response
    }
}

/// The `error` code a refusal with only an HTTP status gets.
enum ErrorCode {
    static func of(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "invalid_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "too_large"
        case 415: "unsupported_media_type"
        case 503: "unavailable"
        default: status.code >= 500 ? "internal" : "http_\(status.code)"
        }
    }
}
