import Foundation
import Jobs
import Testing
@testable import Cluster

/// The registry and the shared queue on a real PostgreSQL: a node whose
/// lease ran out writes nothing, the reaper frees its jobs for the live
/// nodes, a node that joins again never writes over a job it lost, and
/// racing claims never hand one job to two nodes.
@Suite struct PostgresClusterTests {
    @Test func aWriteWithAStaleLeaseChangesNothingAndTheJobGoesToALiveNode() async throws {
        let cluster = try TestCluster()
        let a = try await cluster.node("a"), b = try await cluster.node("b")
        var recording = Job(id: "rec", kind: .recording, room: "r", createdAt: 1)
        recording.owner = "a"
        try await a.store.insert(recording)
        _ = try await a.store.transition(id: "rec", to: .starting, at: 2, reason: nil, message: nil)
        // Another node may not move a job it does not own.
        await #expect(throws: JobStoreError.notOwner(id: "rec", owner: "a")) {
            try await b.store.transition(id: "rec", to: .active, at: 3, reason: nil, message: nil)
        }
        // a's lease runs out in the database's clock (a cut link, a paused process): its next write matches no row.
        _ = try cluster.sql("UPDATE nodes SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE id = 'a'")
        await #expect(throws: JobStoreError.notOwner(id: "rec", owner: nil)) {
            try await a.store.transition(id: "rec", to: .active, at: 3, reason: nil, message: nil)
        }
        #expect(try await a.store.job(id: "rec")?.state == .starting)

        // b reaps: a is lost, its unfinished job has no owner, and b claims it.
        #expect(try await b.reap() == ["rec"])
        #expect(try await a.renew(load: 0) == false, "a lost node's renewal finds no row")
        let claimed = try await b.claim(limit: 10)
        #expect(claimed.map(\.id) == ["rec"] && claimed.first?.owner == "b")
        _ = try await b.store.transition(id: "rec", to: .aborted, at: 4, reason: "taken over", message: nil)

        // a joins again with a new epoch and adopts nothing: the job stays b's.
        let oldEpoch = try #require(a.session.epoch)
        try await a.register(adopting: false)
        #expect(try #require(a.session.epoch) > oldEpoch)
        await #expect(throws: JobStoreError.notOwner(id: "rec", owner: "b")) {
            try await a.store.transition(id: "rec", to: .failed, at: 5, reason: nil, message: nil)
        }
        let job = try #require(try await a.store.job(id: "rec"))
        #expect(job.state == .aborted && job.owner == "b")
        // The claim of a job under way is in its history, naming the node that took it.
        #expect(try await b.store.history(id: "rec").map { "\($0.from.rawValue)>\($0.to.rawValue)@\($0.node ?? "-")" }
                == ["queued>starting@a", "starting>starting@b", "starting>aborted@b"])
        let nodes = try await b.nodes()
        #expect(nodes.map(\.id) == ["a", "b"] && nodes.map(\.state) == [.live, .live] && nodes[1].jobs == 0)
    }

    /// A node that restarts under the same id takes its unfinished jobs back under its new epoch.
    @Test func aRestartedNodeAdoptsItsOwnUnfinishedJobs() async throws {
        let cluster = try TestCluster()
        let first = try await cluster.node("a")
        var recording = Job(id: "rec", kind: .recording, createdAt: 1)
        recording.owner = "a"
        try await first.store.insert(recording)
        // The old process may still be running (paused, cut off): the restart does not wait for it.
        let restarted = try await cluster.node("a")
        #expect(try await restarted.store.unfinished().map(\.id) == ["rec"])
        // The process that was cannot write any more: its epoch is gone.
        await #expect(throws: JobStoreError.notOwner(id: "rec", owner: nil)) {
            try await first.store.transition(id: "rec", to: .starting, at: 2, reason: nil, message: nil)
        }
        _ = try await restarted.store.transition(id: "rec", to: .starting, at: 2, reason: nil, message: nil)
    }

    /// Eight nodes claim 200 queued jobs at once: every job is claimed exactly once.
    @Test func racingClaimsHandEachJobToExactlyOneNode() async throws {
        let cluster = try TestCluster()
        var nodes: [PostgresCluster] = []
        for index in 0..<8 { nodes.append(try await cluster.node("n\(index)")) }
        for index in 0..<200 { try await nodes[0].store.insert(Job(id: String(format: "job%03d", index), kind: .render, createdAt: Int64(index))) }
        let claims = await withTaskGroup(of: [String: String].self) { group in
            for node in nodes {
                group.addTask {
                    var mine: [String: String] = [:]
                    while let batch = try? await node.claim(limit: 3), !batch.isEmpty {
                        for job in batch { mine[job.id] = node.nodeID }
                    }
                    return mine
                }
            }
            return await group.reduce(into: [(String, String)]()) { $0.append(contentsOf: $1.map { ($0.key, $0.value) }) }
        }
        #expect(claims.count == 200 && Set(claims.map(\.0)).count == 200, "each job once: \(claims.count) claims")
        #expect(Set(claims.map(\.1)).count > 1, "more than one node took work")
        #expect(try cluster.sql("SELECT COUNT(*) FROM jobs WHERE owner IS NULL") == "0")
        // Ownership in the database agrees with what each node was told.
        let owners = try cluster.sql("SELECT id || '=' || owner FROM jobs ORDER BY id").split(separator: "\n").map(String.init)
        #expect(owners == claims.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" })
    }

    /// Nodes starting at once against an empty database: the schema is made once, and every node joins.
    @Test func nodesStartingAtOnceMigrateOnce() async throws {
        let cluster = try TestCluster()
        let joined = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<4 { group.addTask { try #require(try await cluster.node("s\(index)").session.epoch) } }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(joined).count == 4, "each join has its own epoch")
        #expect(try cluster.sql("SELECT COUNT(*) FROM tessera_migrations") == String(PostgresSchema.migrations.count))
    }

    /// The shared secret is made once and read the same by every node.
    @Test func everyNodeReadsTheSameSharedSecret() async throws {
        let cluster = try TestCluster()
        let a = try await cluster.node("a"), b = try await cluster.node("b")
        let first = try await a.sharedSecret("link-secret") { [1, 2, 3] }
        let second = try await b.sharedSecret("link-secret") { [9, 9, 9] }
        #expect(first == [1, 2, 3] && second == first)
    }
}
