import APIModel
import HTTPTypes
import Hummingbird

/// Bearer tokens in front of a group of routes (RFC 6750 §2.1): a request
/// without one of them is answered 401 with `WWW-Authenticate: Bearer`
/// before any route sees it. No tokens configured: the group is open. CORS
/// preflights (OPTIONS) pass: browsers send them without credentials.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let authorizer: APIAuthorizer
    let refusal: @Sendable () -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .options || authorizer.allows(authorization: request.headers[.authorization]) else {
            var response = refusal()
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}

/// Lets pages on any origin call a group of routes and read the headers
/// they need (`exposing`), refusals included.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let exposing: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = exposing
        return response
    }
}
