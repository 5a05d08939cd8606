import HTTPTypes
import Hummingbird
import Rooms

/// WHIP over HTTP (RFC 9725 §4): POST an SDP offer to `/whip/{room}`, get
/// `201 Created` with the answer, the session's `Location`, an `ETag` and
/// `Link` headers for ICE servers; PATCH the session with trickle ICE
/// fragments (`application/trickle-ice-sdpfrag`, RFC 8840); DELETE it to
/// leave. Errors are plain text naming the reason.
public enum WHIPRoutes {
    /// Largest offer accepted: browsers' offers are a few kilobytes.
    public static let maximumBodyBytes = 128 * 1024

    public static func add<Context: RequestContext>(to router: Router<Context>, endpoint: WHIPEndpoint) {
        router.post("whip/:room") { request, context -> Response in
            cors(try await offer(request, context, endpoint: endpoint))
        }
        router.patch("whip/:room/:session") { request, context -> Response in
            cors(try await trickle(request, context, endpoint: endpoint))
        }
        router.delete("whip/:room/:session") { request, context -> Response in
            cors(try await end(request, context, endpoint: endpoint))
        }
        // RFC 9725 §4.4: browsers send OPTIONS first (CORS preflight); it also lists ICE servers.
        for path in ["whip/:room", "whip/:room/:session"] {
            router.on(RouterPath(path), method: .options) { _, _ -> Response in
                var headers = HTTPFields()
                headers[.allow] = "OPTIONS, POST, PATCH, DELETE"
                headers[.accessControlAllowMethods] = "OPTIONS, POST, PATCH, DELETE"
                headers[.accessControlAllowHeaders] = "Authorization, Content-Type, If-Match"
                for server in endpoint.configuration.iceServers {
                    headers.append(HTTPField(name: HTTPField.Name("Link")!, value: "<\(server)>; rel=\"ice-server\""))
                }
                return cors(Response(status: .noContent, headers: headers))
            }
        }
    }

    /// Publishers in browser pages on other origins must see the answer and its headers.
    static func cors(_ response: Response) -> Response {
        var response = response
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = "Location, ETag, Link"
        return response
    }

    static func offer<Context: RequestContext>(_ request: Request, _ context: Context, endpoint: WHIPEndpoint) async throws -> Response {
        var request = request
        let room = try context.parameters.require("room")
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/sdp") == true else {
            return plain(.unsupportedMediaType, "WHIP offers are sent as Content-Type: application/sdp")
        }
        let body = try await request.collectBody(upTo: maximumBodyBytes)
        let name = request.uri.queryParameters["name"].map(String.init)
        do {
            let answer = try await endpoint.publish(room: room, offer: String(buffer: body),
                                                    authorization: request.headers[.authorization], name: name)
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

    static func trickle<Context: RequestContext>(_ request: Request, _ context: Context, endpoint: WHIPEndpoint) async throws -> Response {
        var request = request
        let room = try context.parameters.require("room"), session = try context.parameters.require("session")
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/trickle-ice-sdpfrag") == true else {
            return plain(.unsupportedMediaType, "trickle ICE fragments are sent as Content-Type: application/trickle-ice-sdpfrag")
        }
        let body = try await request.collectBody(upTo: maximumBodyBytes)
        do {
            try await endpoint.trickle(room: room, session: session, fragment: String(buffer: body),
                                       authorization: request.headers[.authorization], ifMatch: request.headers[.ifMatch])
            return Response(status: .noContent)
        } catch {
            return failure(error)
        }
    }

    static func end<Context: RequestContext>(_ request: Request, _ context: Context, endpoint: WHIPEndpoint) async throws -> Response {
        let room = try context.parameters.require("room"), session = try context.parameters.require("session")
        do {
            try await endpoint.end(room: room, session: session, authorization: request.headers[.authorization])
            return Response(status: .ok)
        } catch {
            return failure(error)
        }
    }

    static func failure(_ error: WHIPError) -> Response {
        let status: HTTPResponse.Status = switch error {
        case .malformed: .badRequest
        case .unsupported: .notAcceptable
        case .unauthorized: .unauthorized
        case .unknownSession: .notFound
        case .unprocessable: .unprocessableContent
        case .preconditionFailed: .preconditionFailed
        case .unavailable: .serviceUnavailable
        }
        var response = plain(status, error.description)
        if case .unauthorized = error { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
