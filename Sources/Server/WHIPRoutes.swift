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
            } catch let error as WHIPError {
                return failure(error)
            }
        }
        router.patch("whip/:room/:session") { request, context -> Response in
            var request = request
            let room = try context.parameters.require("room"), session = try context.parameters.require("session")
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/trickle-ice-sdpfrag") == true else {
                return plain(.unsupportedMediaType, "trickle ICE fragments are sent as Content-Type: application/trickle-ice-sdpfrag")
            }
            let body = try await request.collectBody(upTo: maximumBodyBytes)
            do {
                try await endpoint.trickle(room: room, session: session, fragment: String(buffer: body),
                                           authorization: request.headers[.authorization])
                return Response(status: .noContent)
            } catch let error as WHIPError {
                return failure(error)
            }
        }
        router.delete("whip/:room/:session") { request, context -> Response in
            let room = try context.parameters.require("room"), session = try context.parameters.require("session")
            do {
                try await endpoint.end(room: room, session: session, authorization: request.headers[.authorization])
                return Response(status: .ok)
            } catch let error as WHIPError {
                return failure(error)
            }
        }
        // RFC 9725 §4.4: OPTIONS may be sent by browsers (CORS preflight) and for ICE server discovery.
        router.on("whip/:room", method: .options) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.allow] = "OPTIONS, POST"
            headers[.accessControlAllowOrigin] = "*"
            headers[.accessControlAllowMethods] = "OPTIONS, POST, PATCH, DELETE"
            headers[.accessControlAllowHeaders] = "Authorization, Content-Type, If-Match"
            headers[.accessControlExposeHeaders] = "Location, ETag, Link"
            for server in endpoint.configuration.iceServers { headers.append(HTTPField(name: HTTPField.Name("Link")!, value: "<\(server)>; rel=\"ice-server\"")) }
            return Response(status: .noContent, headers: headers)
        }
    }

    static func failure(_ error: WHIPError) -> Response {
        let status: HTTPResponse.Status = switch error {
        case .malformed: .badRequest
        case .unsupported: .notAcceptable
        case .unauthorized: .unauthorized
        case .unknownSession: .notFound
        case .unprocessable: .unprocessableContent
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
