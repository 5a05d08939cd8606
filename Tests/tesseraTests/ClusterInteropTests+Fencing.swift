import Foundation
import PostgresTestSupport
import Testing

/// A node whose link to PostgreSQL goes silent (a TCP link the test cuts:
/// no reset, no answer, as when a cable is pulled) fences itself within its
/// lease: it lets go of the WHEP recording it ran (the source sees its
/// DELETE) and another node takes the recording over. When the link is
/// mended the node joins again under a new epoch and writes nothing over
/// the job it lost, which ends `completed` by the other node.
extension ClusterInteropTests {
    @Test func aNodeCutOffFromTheDatabaseFencesItselfAndNeverWritesOverWhatItLost() throws {
        let postgres = try PostgresTestServer.shared.get()
        let database = try postgres.makeDatabase()
        let storage = try S3TestServer()
        try storage.makeBucket("fleet")
        let link = try JSONLinesPeer(python: "tcp_link.py", ["--target-port", String(postgres.port)])
        defer { link.process.terminate() }
        let linkPort = try #require(link.wait(for: "listening", seconds: 20)?["port"] as? Int, "the link did not start")
        let camera = try WHEPInteropTests.WHEPServerPeer(media: "publish-red.mp4", lifetime: 300)
        defer { camera.stop() }
        let direct = "postgres://tessera@127.0.0.1:\(postgres.port)/\(database.database)?sslmode=disable"
        let cutOff = "postgres://tessera@127.0.0.1:\(linkPort)/\(database.database)?sslmode=disable"
        let first = try Self.node("n1", database: cutOff, storage: storage, extra: ["--source-hosts", "127.0.0.1"])
        let second = try Self.node("n2", database: direct, storage: storage, extra: ["--source-hosts", "127.0.0.1"])
        defer { _ = second.stop() }
        struct Node: Decodable { var id: String; var state: String; var epoch: Int64 }
        struct Nodes: Decodable { var nodes: [Node] }
        let nodes = { try Service.decode(Nodes.self, ServerProcess.http("GET", second.base + "/v1/nodes", headers: [Service.auth]).body).nodes }
        let epochBefore = try #require(try nodes().first { $0.id == "n1" }?.epoch)

        let created = try Service.post(first, "/v1/recordings", WHEPInteropTests.recordingRequest(room: "cut", url: camera.url, token: nil))
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(TakenOver.self, created.body).id
        _ = try Storage.wait(first, "/v1/recordings/\(id)", seconds: 60) { ($0.durationSeconds ?? 0) >= 3 && ($0.dumpShipping?.parts ?? 0) >= 2 }
        kill(link.process.processIdentifier, SIGUSR1)
        #expect(link.wait(for: "cut", seconds: 10) != nil)
        let cut = Date()

        // n1 lets go of the source (its DELETE reaches the camera) and n2 records on.
        #expect(camera.wait(for: "deleted", seconds: 60) != nil, "the cut-off node stopped pulling the source")
        let deleted = Date().timeIntervalSince(cut)
        let read = { try Service.decode(TakenOver.self, ServerProcess.http("GET", second.base + "/v1/recordings/\(id)", headers: [Service.auth]).body) }
        var taken = try read()
        while !(taken.node == "n2" && taken.state == "active") && Date().timeIntervalSince(cut) < 90 {
            usleep(250_000)
            taken = try read()
        }
        #expect(taken.node == "n2" && taken.state == "active", "\(taken)")
        print("cut → the node let go: \(String(format: "%.1f", deleted)) s (lease 4 s)")

        // The link comes back: n1 joins again under a new epoch.
        kill(link.process.processIdentifier, SIGUSR2)
        #expect(link.wait(for: "mended", seconds: 10) != nil)
        let deadline = Date().addingTimeInterval(60)
        var rejoined = try nodes().first { $0.id == "n1" }
        while !(rejoined?.state == "live" && (rejoined?.epoch ?? 0) > epochBefore) && Date() < deadline {
            usleep(250_000)
            rejoined = try nodes().first { $0.id == "n1" }
        }
        #expect(rejoined?.state == "live" && (rejoined?.epoch ?? 0) > epochBefore, "\(String(describing: rejoined)) after epoch \(epochBefore)")

        let stopped = try ServerProcess.http("POST", first.base + "/v1/recordings/\(id)/stop", headers: [Service.auth], maxTime: 120)
        let done = try Service.decode(TakenOver.self, stopped.body)
        #expect(stopped.status == 200 && done.state == "completed" && done.node == "n2", "a stop sent to n1 is carried out by n2: \(stopped.body)")
        let history = (done.history ?? []).map { "\($0.to)@\($0.node ?? "-")" }
        #expect(history.first == "starting@n1" && history.dropFirst(2).allSatisfy { $0.hasSuffix("@n2") }, "nothing written by n1 after it lost the job: \(history)")
        let log = first.stop().log
        #expect(log.contains("lease lapsed") && log.contains("letting go of the recordings"), "\(log.suffix(3000))")
    }
}
