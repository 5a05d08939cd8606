import Foundation
import PostgresTestSupport
import Synchronization
import Testing

/// Three `tessera serve` nodes on one real PostgreSQL and one real S3
/// server: renders submitted to any node are pulled by the nodes with room,
/// each exactly once, and a node killed with SIGKILL is reaped and its
/// queued work done by the others.
@Suite(.serialized) struct ClusterInteropTests {
    typealias Service = ServiceInteropTests
    typealias Storage = StorageInteropTests

    struct Transition: Decodable { var from: String; var to: String; var node: String? }
    struct Document: Decodable {
        var id: String
        var state: String
        var node: String?
        var history: [Transition]?
        var uploads: [StorageInteropTests.Upload]?
    }
    struct Node: Decodable { var id: String; var state: String; var capacity: Int; var epoch: Int64 }
    struct Nodes: Decodable { var nodes: [Node] }

    static func node(_ id: String, database: String, storage: S3TestServer, extra: [String] = []) throws -> ServerProcess {
        try ServerProcess(extraArguments: ["--api-key", Service.key, "--database", database, "--node-id", id, "--lease-seconds", "4",
                                           "--dump-ship-interval", "1"] + storage.flags(bucket: "fleet") + extra, autoRecord: false)
    }

    /// A new, empty database on the test PostgreSQL, as `--database` takes it.
    static func freshDatabase() throws -> String {
        let postgres = try PostgresTestServer.shared.get()
        let database = try postgres.makeDatabase()
        return "postgres://tessera@127.0.0.1:\(postgres.port)/\(database.database)?sslmode=disable"
    }

    static func document(_ server: ServerProcess, _ path: String) throws -> Document {
        try Service.decode(Document.self, ServerProcess.http("GET", server.base + path, headers: [Service.auth]).body)
    }

    /// A short dump-only call on `server`, stopped and its dump confirmed in the bucket: a source any node can render.
    static func recordedCall(on server: ServerProcess) throws -> String {
        let created = try Service.post(server, "/v1/recordings", #"{"room": "fleet", "liveComposite": false}"#)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Document.self, created.body).id
        let publisher = try Service.startPublisher(server.base + "/whip/fleet", media: "publish-red.mp4", codec: "vp8", seconds: 3)
        publisher.waitUntilExit()
        _ = try Service.post(server, "/v1/recordings/\(id)/stop", "")
        let stored = try Storage.wait(server, "/v1/recordings/\(id)", seconds: 60) { Storage.allUploaded($0) }
        #expect(stored.state == "completed" && Storage.allUploaded(stored), "\(stored.state) \(String(describing: stored.uploads))")
        return id
    }

    @Test func sixtyRendersOnThreeNodesEachRenderedExactlyOnce() throws {
        let url = try Self.freshDatabase()
        let storage = try S3TestServer()
        try storage.makeBucket("fleet")
        let nodes = try ["n1", "n2", "n3"].map { try Self.node($0, database: url, storage: storage) }
        defer { for node in nodes { _ = node.stop() } }
        let listed = try Service.decode(Nodes.self, ServerProcess.http("GET", nodes[2].base + "/v1/nodes", headers: [Service.auth]).body)
        #expect(listed.nodes.map(\.id) == ["n1", "n2", "n3"] && listed.nodes.allSatisfy { $0.state == "live" })
        let recording = try Self.recordedCall(on: nodes[0])

        // Sixty renders, twenty sent to each node, all at once.
        let bases = nodes.map(\.base)
        let ids = try DispatchQueue.concurrentCollect(60) { index in
            let created = try ServerProcess.http("POST", bases[index % 3] + "/v1/renders", body: #"{"recordingId": "\#(recording)", "output": {"width": 160, "height": 90}}"#,
                                             headers: [Service.auth, Service.json])
            guard created.status == 201 else { throw Failure("render \(index): \(created.status) \(created.body)") }
            return try Service.decode(Document.self, created.body).id
        }
        #expect(Set(ids).count == 60)

        // Every node answers the same for every job; wait until all have ended.
        let documents = try Self.untilEnded(seconds: 900) {
            try ids.enumerated().map { try Self.document(nodes[($0.offset + 1) % 3], "/v1/renders/\($0.element)") }
        }
        #expect(documents.allSatisfy { $0.state == "completed" }, "\(documents.map(\.state))")
        for document in documents {
            let history = document.history ?? []
            let processing = history.filter { $0.to == "processing" }
            #expect(processing.count == 1, "\(document.id) was rendered \(processing.count) times: \(history)")
            #expect(processing.first?.node == document.node && document.node != nil, "the node that rendered it owns it")
        }
        let byNode = Dictionary(grouping: documents, by: { $0.node ?? "-" }).mapValues(\.count)
        #expect(byNode.keys.count >= 2, "the work is spread: \(byNode)")
        let stored = try storage.objects("fleet", prefix: "t/renders/")
        #expect(Set(ids.map { "t/renders/\($0)/render.mp4" }).isSubset(of: Set(stored.keys)), "each render's file is in the bucket once")
        print("renders by node: \(byNode.sorted { $0.key < $1.key })")
    }

    /// A node killed with SIGKILL is reaped by the others within its lease and
    /// the renders queued behind it are done by them.
    @Test func aKilledNodeIsReapedAndItsWorkDoneByTheOthers() throws {
        let url = try Self.freshDatabase()
        let storage = try S3TestServer()
        try storage.makeBucket("fleet")
        // n1 can run one render at a time; n2 starts only after n1 has taken work and been killed.
        let first = try Self.node("n1", database: url, storage: storage, extra: ["--capacity", "4"])
        let recording = try Self.recordedCall(on: first)
        let ids = try (0..<4).map { index in
            let created = try Service.post(first, "/v1/renders", #"{"recordingId": "\#(recording)", "output": {"width": 160, "height": 90}}"#)
            #expect(created.status == 201, "\(index): \(created.body)")
            return try Service.decode(Document.self, created.body).id
        }
        first.kill9()
        let second = try Self.node("n2", database: url, storage: storage)
        defer { _ = second.stop() }
        let documents = try Self.untilEnded(seconds: 300) { try ids.map { try Self.document(second, "/v1/renders/\($0)") } }
        // What n1 had not finished when it was killed (one render at a time: at least three) n2 did.
        #expect(documents.allSatisfy { $0.state == "completed" }, "\(documents.map { "\($0.state)@\($0.node ?? "-")" })")
        #expect(documents.filter { $0.node == "n2" }.count >= 3, "\(documents.map { "\($0.state)@\($0.node ?? "-")" })")
        // n1's lease (4 s) runs out and it is reaped, however soon its renders were done by n2.
        let deadline = Date().addingTimeInterval(60)
        var nodes = try Service.decode(Nodes.self, ServerProcess.http("GET", second.base + "/v1/nodes", headers: [Service.auth]).body)
        while nodes.nodes.first(where: { $0.id == "n1" })?.state != "lost" && Date() < deadline {
            usleep(250_000)
            nodes = try Service.decode(Nodes.self, ServerProcess.http("GET", second.base + "/v1/nodes", headers: [Service.auth]).body)
        }
        #expect(nodes.nodes.first { $0.id == "n1" }?.state == "lost", "\(nodes.nodes)")
    }

    /// Reads the jobs until all have ended (bounded) and returns the last reading.
    static func untilEnded(seconds: Double, _ read: () throws -> [Document]) throws -> [Document] {
        let deadline = Date().addingTimeInterval(seconds)
        var documents = try read()
        while !documents.allSatisfy({ ["completed", "failed"].contains($0.state) }) && Date() < deadline {
            usleep(500_000)
            documents = try read()
        }
        return documents
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

extension DispatchQueue {
    /// Runs `count` calls at once and returns their results in order (the first error is thrown).
    static func concurrentCollect<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results = Mutex([Result<T, Error>?](repeating: nil, count: count))
        concurrentPerform(iterations: count) { index in
            let result = Result { try body(index) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { $0 }.map { result in
            guard let result else { throw CancellationError() }
            return try result.get()
        }
    }
}
