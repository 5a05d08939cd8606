import Foundation
import PostgresTestSupport
import Testing

/// A built-in room lives on one node, so its members meet: a token asked of
/// another node links to the home, that node's call page redirects a
/// browser to the home, and a socket opened on it is told `moved` — the
/// signaling module in headless Chromium then joins at the home.
extension ClusterInteropTests {
    struct IssuedToken: Decodable { var token: String; var callUrl: String; var webSocketUrl: String }
    struct Rooms: Decodable { struct Room: Decodable { var room: String; var members: Int }; var rooms: [Room] }

    @Test func aBuiltInRoomsMembersMeetOnItsHomeNode() throws {
        let url = try Self.freshDatabase()
        let nodes = try ["n1", "n2"].map { id in
            try ServerProcess(extraArguments: ["--api-key", Service.key, "--database", url, "--node-id", id, "--lease-seconds", "4"], autoRecord: false)
        }
        defer { for node in nodes { _ = node.stop() } }
        let (home, other) = (nodes[0], nodes[1])
        func token(_ server: ServerProcess, _ name: String) throws -> IssuedToken {
            let issued = try Service.post(server, "/v1/rooms/meet/tokens", #"{"name": "\#(name)"}"#)
            #expect(issued.status == 201, "\(issued.body)")
            return try Service.decode(IssuedToken.self, issued.body)
        }
        // The room's first token is asked of n1: the room lives there from now on.
        let ann = try token(home, "ann")
        #expect(ann.callUrl.hasPrefix(home.base + "/call/meet?token="))
        let bob = try token(other, "bob")
        let homeSocket = "ws://" + home.base.dropFirst("http://".count)
        #expect(bob.callUrl.hasPrefix(home.base + "/call/meet?token=") && bob.webSocketUrl.hasPrefix(homeSocket + "/v1/rooms/meet/ws"),
                "links from n2 point at the home: \(bob.callUrl) \(bob.webSocketUrl)")
        let page = try ServerProcess.http("GET", other.base + "/call/meet?token=\(bob.token)")
        #expect(page.status == 307 && Self.location(page.headers) == home.base + "/call/meet?token=\(bob.token)", "\(page.status) \(page.headers)")

        // A browser: ann's call page opened through n2 lands on n1; bob's socket, opened on n2 by the module, is moved to n1.
        let joined = try PagesInteropTests.steps(other.base + "/call/meet?token=\(ann.token)", [
            "location.origin",
            // ann's page has joined at the home.
            "fetch('/v1/rooms', { headers: { Authorization: 'Bearer \(Service.key)' } }).then(r => r.json()).then(j => j.rooms.find(r => r.room === 'meet')?.members >= 1)",
            """
            (async () => { const m = await import('/call-assets/tessera-room.js');
              const room = new m.TesseraRoom('ws://' + '\(other.base.dropFirst("http://".count))' + '/v1/rooms/meet/ws?token=\(bob.token)');
              let moved = null; room.addEventListener('moved', (e) => { moved = e.detail.url; });
              const welcome = await room.connect(); window.__bob = room;
              return JSON.stringify({ moved, url: room.url, room: welcome.room, peers: welcome.peers.length }); })()
            """,
        ], timeout: 60)
        #expect(joined.first == home.base, "the browser followed the redirect to the home: \(joined)")
        struct Joined: Decodable { var moved: String?; var url: String; var room: String; var peers: Int }
        let bobJoined = try Service.decode(Joined.self, joined.last ?? "{}")
        #expect(bobJoined.moved?.hasPrefix(homeSocket + "/v1/rooms/meet/ws") == true && bobJoined.url == bobJoined.moved && bobJoined.room == "meet",
                "\(bobJoined)")
        #expect(bobJoined.peers >= 1, "bob meets ann at the home: \(bobJoined)")

        // The home stops gracefully (SIGTERM): it leaves at once, and the room's home moves to whoever asks next.
        #expect(home.stop().status == 0)
        struct Node: Decodable { var id: String; var state: String }
        struct Nodes: Decodable { var nodes: [Node] }
        let listed = try Service.decode(Nodes.self, ServerProcess.http("GET", other.base + "/v1/nodes", headers: [Service.auth]).body)
        #expect(listed.nodes.first { $0.id == "n1" }?.state == "left", "left without waiting for its lease: \(listed.nodes)")
        let carol = try token(other, "carol")
        #expect(carol.callUrl.hasPrefix(other.base + "/call/meet?token="), "the room lives on n2 now: \(carol.callUrl)")
    }
}
