import Foundation
import PostgresTestSupport
import Testing

/// A node SIGKILLed while it records one of its built-in rooms: another
/// node takes the recording over and becomes the room's home, and the call
/// page in headless Chromium, its socket gone, reconnects through the nodes
/// it was told of, is sent on to the new home and calls the recorder again.
/// The file shows the member's colour and tone before and after, one gap between.
extension ClusterInteropTests {
    @Test func aBuiltInRoomWhoseNodeIsKilledGoesOnWhenItsMembersReconnect() throws {
        let url = try Self.freshDatabase()
        let storage = try S3TestServer()
        try storage.makeBucket("fleet")
        let ids = ["n1", "n2", "n3"]
        let nodes = try ids.map { try Self.node($0, database: url, storage: storage) }
        defer { for node in nodes.dropFirst() { _ = node.stop() } }
        func waitFor(_ what: String, seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try condition() { return true }
                usleep(250_000)
            }
            Issue.record("waited \(Int(seconds)) s for \(what)")
            return false
        }

        // ann joins from n1, so the room lives there, and n1 records it.
        let token = try RoomCallInteropTests.token(nodes[0], room: "huddle", name: "ann")
        let ann = try RoomCallInteropTests.CallPage(nodes[0].base + "/call/huddle?token=\(token)&fake=red:440")
        defer { ann.close() }
        _ = try waitFor("ann in the room", seconds: 60) { try RoomCallInteropTests.members(nodes[0], room: "huddle") == 1 }
        let created = try Service.post(nodes[0], "/v1/recordings", #"{"room": "huddle", "source": {"type": "room"}, "output": {"width": 320, "height": 240}}"#)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(TakenOver.self, created.body).id
        // Four seconds of ann (Opus: 50 packets a second), shipped to the bucket in parts, then n1 dies.
        _ = waitFor("4 s of ann on n1", seconds: 90) {
            (try? RoomCallInteropTests.recording(nodes[0], id))?.audioPackets("ann") ?? 0 >= 200
        }
        _ = try Storage.wait(nodes[0], "/v1/recordings/\(id)", seconds: 60) { ($0.dumpShipping?.parts ?? 0) >= 2 }
        nodes[0].kill9()
        let killed = Date()

        let read = { (server: ServerProcess) in
            try Service.decode(TakenOver.self, ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).body)
        }
        var taken = try read(nodes[2])
        _ = try waitFor("the recording taken over", seconds: 90) {
            taken = try read(nodes[2])
            return taken.node != nil && taken.node != "n1" && taken.state == "active"
        }
        let index = try #require(taken.node.flatMap { ids.firstIndex(of: $0) }, "\(taken)")
        let home = nodes[index]
        // ann's page comes back on its own, at the new home, and the recorder hears her again.
        _ = try waitFor("ann back in the room at its new home", seconds: 120) { try RoomCallInteropTests.members(home, room: "huddle") == 2 }
        _ = waitFor("3 s of ann on the new home", seconds: 90) { (try? RoomCallInteropTests.recording(home, id))?.audioPackets("ann") ?? 0 >= 150 }
        print("kill → ann recorded again on \(taken.node ?? "?"): \(String(format: "%.1f", Date().timeIntervalSince(killed))) s")

        let elsewhere = nodes[index == 1 ? 2 : 1]
        let stopped = try ServerProcess.http("POST", elsewhere.base + "/v1/recordings/\(id)/stop", headers: [Service.auth], maxTime: 120)
        let done = try Service.decode(TakenOver.self, stopped.body)
        #expect(stopped.status == 200 && done.state == "completed", "\(stopped.body)")
        #expect(done.segments?.map(\.node) == ["n1", taken.node], "\(String(describing: done.segments))")
        let gap = done.segments?.last?.gapSeconds ?? 0
        #expect(gap > 1, "the time between the turns: \(gap) s")
        _ = try Self.expectOneGap(id: id, on: elsewhere, gap: gap, width: 320, height: 240)
    }
}
