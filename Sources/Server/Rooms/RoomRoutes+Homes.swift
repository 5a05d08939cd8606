import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket

/// Built-in rooms on several nodes: a room lives on its home node, so its
/// members meet there. The call page redirects to it, room tokens' links
/// point at it, and a socket that reaches another node is told where to
/// go (`{"type": "moved", "url": …}`, then closed) — the signaling module
/// connects there instead. Members hear the live nodes (`nodes`), so when
/// the home dies they reconnect through another; while the room's
/// recording waits to be taken over, sockets are closed with 1013.
extension RoomRoutes {
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .temporaryRedirect, headers: headers)
    }

    /// `http(s)://host:port` → `ws(s)://host:port`.
    static func webSocketBase(of base: String) -> String {
        if base.hasPrefix("https://") { return "wss://" + base.dropFirst("https://".count) }
        if base.hasPrefix("http://") { return "ws://" + base.dropFirst("http://".count) }
        return base
    }

    struct Moved: Encodable {
        var type = "moved"
        var url: String
        var message: String
    }

    struct Nodes: Encodable {
        var type = "nodes"
        var urls: [String]
    }

    /// `{"type": "nodes", "urls": [...]}`: this socket's URL on each live
    /// node, so a member whose node goes away reconnects through another
    /// (which sends it on to the room's new home).
    static func nodesMessage(_ nodes: [String], path: String) -> String? {
        guard !nodes.isEmpty, let data = try? JSONEncoder().encode(Nodes(urls: nodes.map { webSocketBase(of: $0) + path })) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The member's socket reached a node the room does not live on.
    static func sendMoved(_ outbound: WebSocketOutboundWriter, room: String, to url: String) async throws {
        let moved = Moved(url: url, message: "room \(room) lives on another node: connect there")
        try await outbound.write(.text(String(decoding: try JSONEncoder().encode(moved), as: UTF8.self)))
        try await outbound.close(.unknown(4001), reason: "the room lives on another node")
    }
}
