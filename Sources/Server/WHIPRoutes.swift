import APIModel
import HTTPTypes
import Hummingbird
import Jobs
import Rooms

/// WHIP over HTTP (RFC 9725 §4): POST an SDP offer to `/whip/{room}`, get
/// `201 Created` with the answer, the session's `Location`, an `ETag` and
/// `Link` headers for ICE servers; PATCH the session with trickle ICE
/// fragments (`application/trickle-ice-sdpfrag`, RFC 8840); DELETE it to
/// leave. Errors are the API's `{error, message}` JSON naming the reason.
public enum WHIPRoutes {
    /// Largest offer accepted: browsers' offers are a few kilobytes.
    public static let maximumBodyBytes = 128 * 1024

    /// `tokens`: one of them is required as `Authorization: Bearer …` when
    /// any is set (the WHIP token, or the API keys when WHIP is protected by
    /// them); checked in front of every route but the CORS preflight.
    ///
    /// `whereabouts` (a cluster): where a room is served; an offer for a room
    /// that lives on another node is redirected there, one for a room whose
    /// recording is being taken over is told to come back (503).
    public static func add<Context: RequestContext>(to router: Router<Context>, endpoint: WHIPSessions, tokens: [String] = [],
                                                    whereabouts: (@Sendable (String) async -> RoomWhereabouts)? = nil) {
        let whip = router.group("whip")
            .add(middleware: CORSMiddleware(exposing: "Location, ETag, Link"))
            .add(middleware: BearerTokenMiddleware(authorizer: APIAuthorizer(keys: tokens)) { refusal(.unauthorized, "a valid bearer token is required") })
        whip.post(":room") { request, context -> Response in
            try await offer(request, context, endpoint: endpoint, whereabouts: whereabouts)
        }
        whip.patch(":room/:session") { request, context -> Response in
            try await trickle(request, context, endpoint: endpoint)
        }
        whip.delete(":room/:session") { request, context -> Response in
            try await end(request, context, endpoint: endpoint)
        }
        // RFC 9725 §4.4: browsers send OPTIONS first (CORS preflight); it also lists ICE servers.
        for (path, methods) in [(":room", "OPTIONS, POST"), (":room/:session", "OPTIONS, PATCH, DELETE")] {
            whip.on(RouterPath(path), method: .options) { _, context -> Response in
                guard SafeName.isValid(context.parameters.get("room") ?? "") else { return refusal(.notFound, "no such room", code: "not_found") }
                var headers = HTTPFields()
                headers[.allow] = methods
                headers[.accessControlAllowMethods] = methods
                headers[.accessControlAllowHeaders] = "Authorization, Content-Type, If-Match"
                for server in endpoint.directory.configuration.iceServers {
                    headers.append(HTTPField(name: HTTPField.Name("Link")!, value: "<\(server)>; rel=\"ice-server\""))
                }
                return Response(status: .noContent, headers: headers)
            }
        }
    }

    static func offer<Context: RequestContext>(_ request: Request, _ context: Context, endpoint: WHIPSessions,
                                               whereabouts: (@Sendable (String) async -> RoomWhereabouts)?) async throws -> Response {
        var request = request
        let room = try context.parameters.require("room")
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/sdp") == true else {
            return refusal(.unsupportedMediaType, "WHIP offers are sent as Content-Type: application/sdp")
        }
        // RFC 9725 §4.5: a WHIP endpoint may redirect; the client sends the same offer to the room's home.
        if SafeName.isValid(room), let place = await whereabouts?(room) {
            switch place {
            case .here: break
            case let .elsewhere(home):
                var headers = HTTPFields()
                headers[.location] = home + request.uri.description
                headers[.cacheControl] = "no-store"
                return Response(status: .temporaryRedirect, headers: headers)
            case .moving:
                return APIResponses.error(ServiceError(status: 503, code: "room_moving",
                                                       message: "room \(room) is moving to another node with its recording: post again in a few seconds",
                                                       retryAfter: 2))
            }
        }
        let body = try await request.collectBody(upTo: maximumBodyBytes)
        let name = request.uri.queryParameters["name"].map(String.init)
        do {
            let answer = try await endpoint.publish(room: room, offer: String(buffer: body), name: name)
            var headers = HTTPFields()
            headers[.contentType] = "application/sdp"
            headers[.location] = answer.location
            headers[.eTag] = answer.etag
            for link in answer.links { headers.append(HTTPField(name: HTTPField.Name("Link")!, value: link)) }
            return Response(status: .created, headers: headers, body: .init(byteBuffer: ByteBuffer(string: answer.sdp)))
        } catch {
            return failure(error)
        }
    }

    static func trickle<Context: RequestContext>(_ request: Request, _ context: Context, endpoint: WHIPSessions) async throws -> Response {
        var request = request
        let room = try context.parameters.require("room"), session = try context.parameters.require("session")
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/trickle-ice-sdpfrag") == true else {
            return refusal(.unsupportedMediaType, "trickle ICE fragments are sent as Content-Type: application/trickle-ice-sdpfrag")
        }
        let body = try await request.collectBody(upTo: maximumBodyBytes)
        do {
            try await endpoint.trickle(room: room, session: session, fragment: String(buffer: body),
                                       ifMatch: request.headers[.ifMatch])
            return Response(status: .noContent)
        } catch {
            return failure(error)
        }
    }

    static func end<Context: RequestContext>(_ request: Request, _ context: Context, endpoint: WHIPSessions) async throws -> Response {
        let room = try context.parameters.require("room"), session = try context.parameters.require("session")
        do {
            try await endpoint.end(room: room, session: session)
            return Response(status: .ok)
        } catch {
            return failure(error)
        }
    }

    static func failure(_ error: WHIPError) -> Response {
        let (status, code): (HTTPResponse.Status, String) = switch error {
        case .malformed: (.badRequest, "invalid_request")
        case .unsupported: (.notAcceptable, "not_acceptable")
        case .unknownSession: (.notFound, "not_found")
        case .unprocessable: (.unprocessableContent, "unprocessable")
        case .preconditionFailed: (.preconditionFailed, "precondition_failed")
        case .unavailable: (.serviceUnavailable, "unavailable")
        }
        return refusal(status, error.description, code: code)
    }

    /// A refusal as the API writes every refusal: `{"error": code, "message": text}`.
    static func refusal(_ status: HTTPResponse.Status, _ message: String, code: String? = nil) -> Response {
        APIResponses.error(ServiceError(status: Int(status.code), code: code ?? ErrorCode.of(status), message: message))
    }
}
