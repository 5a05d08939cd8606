import Foundation
import PostgresTestSupport
import Testing

/// A node SIGKILLed while it records a real Janus VideoRoom: another node
/// joins the Janus room again and records on; the file shows the publisher
/// (red, 440 Hz) before and after the kill with one gap between.
extension ClusterInteropTests {
    @Test func aJanusRoomWhoseNodeIsKilledIsJoinedAgainByAnotherNode() async throws {
        let janus = try await JanusInteropTests.JanusServer()
        defer { janus.stop() }
        let alice = try JanusInteropTests.publisher(janus, "alice", color: "red", seconds: 90)
        defer { alice.stop() }
        _ = try #require(await alice.waitAsync(for: "published", seconds: 30), "the publisher did not get into Janus")
        let url = try Self.freshDatabase()
        let storage = try S3TestServer()
        try storage.makeBucket("fleet")
        let first = try Self.node("n1", database: url, storage: storage, extra: ["--source-hosts", "127.0.0.1"])
        let second = try Self.node("n2", database: url, storage: storage, extra: ["--source-hosts", "127.0.0.1"])
        defer { _ = second.stop() }
        let read = { (server: ServerProcess, id: String) in
            try Service.decode(TakenOver.self, ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).body)
        }

        let created = try Service.post(first, "/v1/recordings", JanusInteropTests.request(room: "janus-fleet", janus: janus.url, janusRoom: "1234"))
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(TakenOver.self, created.body).id
        _ = try Storage.wait(first, "/v1/recordings/\(id)", seconds: 60) { ($0.durationSeconds ?? 0) >= 4 && ($0.dumpShipping?.parts ?? 0) >= 3 }
        first.kill9()
        let killed = Date()

        var taken = try read(second, id)
        while !(taken.node == "n2" && taken.state == "active" && (taken.tracks ?? []).contains { $0.kind == "video" && $0.packets > 100 })
              && Date().timeIntervalSince(killed) < 90 {
            try await Task.sleep(nanoseconds: 200_000_000)
            taken = try read(second, id)
        }
        #expect(taken.node == "n2" && taken.state == "active", "\(taken)")
        let stopped = try ServerProcess.http("POST", second.base + "/v1/recordings/\(id)/stop", headers: [Service.auth], maxTime: 120)
        let done = try Service.decode(TakenOver.self, stopped.body)
        #expect(stopped.status == 200 && done.state == "completed", "\(stopped.body)")
        #expect(done.segments?.map(\.node) == ["n1", "n2"], "\(String(describing: done.segments))")
        let gap = done.segments?.last?.gapSeconds ?? 0
        #expect(gap > 1, "\(gap) s")
        let duration = try Self.expectOneGap(id: id, on: second, gap: gap, width: 640, height: 360)
        print("janus takeover: \(String(format: "%.1f", duration)) s file, gap \(String(format: "%.1f", gap)) s")
    }
}
