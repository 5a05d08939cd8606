import APIModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Jobs
import Logging
import Rooms

/// Built-in rooms (docs/rooms.md): tokens over the REST API, the signaling
/// WebSocket, and the browser call page with its signaling module.
public enum RoomRoutes {
    public struct Dependencies: Sendable {
        public var hub: SignalingHub
        public var tokens: RoomTokenSigner
        public var api: APIRoutes.Dependencies
        /// In a cluster: where a room is served (here, another node, or nowhere while its recording moves).
        public var whereabouts: (@Sendable (String) async -> RoomWhereabouts)?
        /// In a cluster: the live nodes' addresses, told to members so they can come back through another.
        public var liveNodes: (@Sendable () async -> [String])?
        public init(hub: SignalingHub, tokens: RoomTokenSigner, api: APIRoutes.Dependencies,
                    whereabouts: (@Sendable (String) async -> RoomWhereabouts)? = nil, liveNodes: (@Sendable () async -> [String])? = nil) {
            self.hub = hub
            self.tokens = tokens
            self.api = api
            self.whereabouts = whereabouts
            self.liveNodes = liveNodes
        }

        /// The other node's address when the room lives there.
        func home(of room: String) async -> String? {
            if case let .elsewhere(url) = await whereabouts?(room) { return url }
            return nil
        }
    }

    struct IssuedToken: Encodable {
        var token: String
        var room: String
        var name: String
        var mayRecord: Bool
        var expiresAt: String
        /// The call page for this person, and the WebSocket an app of its own connects to.
        var callUrl: String
        var webSocketUrl: String
    }

    struct Joinable: Encodable {
        var room: String
        var joinable: Bool
        var message: String
    }

    struct RoomSummary: Encodable {
        var room: String
        var members: Int
        var recording: Bool
    }

    /// REST and page routes, on the main router.
    public static func add<Context: RequestContext>(to router: Router<Context>, _ d: Dependencies) {
        let api = APIRoutes.protected(router, d.api)
        api.post("rooms/:room/tokens") { request, context in
            await APIRoutes.handle(request, d.api) { try await issue(request, context, d) }
        }
        api.get("rooms") { request, _ in
            await APIRoutes.handle(request, d.api) {
                let rooms = await d.hub.status().map { RoomSummary(room: $0.key, members: $0.value.members, recording: $0.value.recording) }
                return APIResponses.json(["rooms": rooms.sorted { $0.room < $1.room }])
            }
        }
        router.get("call/:room") { request, context in
            guard let room = context.parameters.get("room"), (try? validateRoomName(room)) != nil else {
                return APIResponses.error(ServiceError.notFound("no such room page"))
            }
            // A link that cannot join gets a page that says why, and no camera is asked for.
            if let refusal = tokenRefusal(request, room: room, d) {
                return Response(status: refusal == .wrongRoom ? .forbidden : .unauthorized, headers: PageHeaders.html(cache: "no-store"),
                                body: .init(byteBuffer: .init(string: CallRefusalPage.html(room: room, reason: refusal))))
            }
            // The call happens on the room's home node: the page is loaded from there.
            if let home = await d.home(of: room) { return redirect(to: home + request.uri.description) }
            return Response(status: .ok, headers: PageHeaders.html(cache: "no-store"), body: .init(byteBuffer: .init(string: CallPage.html)))
        }
        // The WebSocket's URL without the upgrade: a browser cannot read why an upgrade was
        // refused, so the page asks here and shows the answer.
        router.get("v1/rooms/:room/ws") { request, context in
            let room = context.parameters.get("room") ?? ""
            guard (try? validateRoomName(room)) != nil else { return APIResponses.error(.notFound("no such room")) }
            if let refusal = tokenRefusal(request, room: room, d) {
                return APIResponses.error(ServiceError(status: refusal == .wrongRoom ? 403 : 401, code: refusal == .wrongRoom ? "forbidden" : "unauthorized",
                                                       message: refusal.description))
            }
            return APIResponses.json(Joinable(room: room, joinable: true, message: "the token is good: connect with Upgrade: websocket"))
        }
        router.get("call-assets/tessera-room.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: .init(string: CallPage.signalingModule)))
        }
    }

    /// Why the request's `?token=` cannot join `room` now, or nil when it can.
    static func tokenRefusal(_ request: Request, room: String, _ d: Dependencies) -> RoomTokenError? {
        do throws(RoomTokenError) {
            _ = try d.tokens.verify(request.uri.queryParameters["token"].map(String.init), room: room, now: Int64(Date().timeIntervalSince1970))
            return nil
        } catch {
            return error
        }
    }

    static func issue<Context: RequestContext>(_ request: Request, _ context: Context, _ d: Dependencies) async throws -> Response {
        let room = context.parameters.get("room") ?? ""
        try validateRoomName(room)
        let body = try await APIResponses.decode(RoomTokenRequest.self, from: request, context: context).validated()
        let expires = Int64(Date().timeIntervalSince1970) + Int64(body.ttlSeconds!)
        let grant = RoomGrant(room: room, name: body.name, mayRecord: body.mayRecord!, expires: expires)
        let token = d.tokens.token(for: grant)
        // The links point at the room's home node, wherever the token was asked for.
        let base = await d.home(of: room) ?? d.api.address.base(for: request)
        let issued = IssuedToken(token: token, room: room, name: body.name, mayRecord: grant.mayRecord,
                                 expiresAt: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(expires))),
                                 callUrl: base + "/call/\(room)?token=\(token)",
                                 webSocketUrl: webSocketBase(of: base) + "/v1/rooms/\(room)/ws?token=\(token)")
        return APIResponses.json(issued, status: .created)
    }

    /// The WebSocket router: `/v1/rooms/{room}/ws?token=…`. A missing,
    /// expired or wrong-room token is refused before the upgrade (401/403).
    public static func webSocketRouter(_ d: Dependencies, logger: Logger) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("v1/rooms/:room/ws") { request, context in
            let room = context.parameters.get("room") ?? ""
            guard (try? validateRoomName(room)) != nil else { throw HTTPError(.notFound, message: "no such room") }
            do throws(RoomTokenError) {
                _ = try d.tokens.verify(request.uri.queryParameters["token"].map(String.init), room: room, now: Int64(Date().timeIntervalSince1970))
            } catch {
                throw HTTPError(error == .wrongRoom ? .forbidden : .unauthorized, message: error.description)
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let room = context.request.uri.path.split(separator: "/").dropLast().last.map(String.init) ?? ""
            let token = context.request.uri.queryParameters["token"].map(String.init)
            guard let grant = try? d.tokens.verify(token, room: room, now: Int64(Date().timeIntervalSince1970)) else { return }
            switch await d.whereabouts?(room) ?? .here {
            case .here: break
            case let .elsewhere(home):
                try await sendMoved(outbound, room: room, to: webSocketBase(of: home) + context.request.uri.description)
                return
            case .moving:
                // RFC 6455 §7.4.1 leaves 1013 (try again later) to the application: the module reconnects.
                try await outbound.close(.unknown(1013), reason: "the room is moving to another node: connect again in a few seconds")
                return
            }
            let peerID = "p-" + UUID().uuidString.prefix(8).lowercased()
            let (outgoing, continuation) = AsyncStream.makeStream(of: Outgoing.self, bufferingPolicy: .bufferingNewest(512))
            let connection = SignalingHub.Connection(
                send: { continuation.yield(.text($0)) },
                close: { code, reason in continuation.yield(.close(code, reason)) })
            await d.hub.join(room: room, peer: SignalingPeer(id: peerID, name: grant.name, mayRecord: grant.mayRecord,
                                                                    participant: "m-" + (token?.split(separator: ".").last?.prefix(10) ?? "x")), connection: connection)
            // In a cluster, after the welcome: the nodes to come back through if this one goes away.
            if let nodes = await d.liveNodes?(), let text = nodesMessage(nodes, path: context.request.uri.description) { continuation.yield(.text(text)) }
            // Our messages go out on their own task, so a slow reader never stalls the room.
            let writer = Task {
                for await item in outgoing {
                    switch item {
                    case let .text(text): try? await outbound.write(.text(text))
                    case let .close(code, reason):
                        try? await outbound.close(code == 1008 ? .policyViolation : .normalClosure, reason: reason)
                        return
                    }
                }
            }
            do {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    switch message {
                    case let .text(text): await d.hub.receive(room: room, from: peerID, text: text)
                    case .binary: await d.hub.receive(room: room, from: peerID, text: "<binary>")
                    }
                    if writer.isCancelled { break }
                }
            } catch {
                logger.info("room socket ended", metadata: ["room": .string(room), "peer": .string(peerID), "error": .string("\(error)")])
            }
            await d.hub.leave(room: room, peer: peerID)
            continuation.finish()
            _ = await writer.value
        }
        return router
    }

    enum Outgoing: Sendable {
        case text(String)
        case close(Int, String)
    }
}
