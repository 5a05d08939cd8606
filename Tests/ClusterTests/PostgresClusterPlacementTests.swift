import Foundation
import Jobs
import Testing
@testable import Cluster

/// Rooms' home nodes and recordings placed on another node, on a real
/// PostgreSQL: nodes asking at once agree on one home, a lost home is free
/// for the next asker, a restart keeps its homes, and a recording placed on
/// a node is taken by that node alone — or, once it is lost, by anyone.
@Suite struct PostgresClusterPlacementTests {
    @Test func nodesAskingAtOnceAgreeOnOneHomeAndALostHomeMoves() async throws {
        let cluster = try TestCluster()
        var nodes: [PostgresCluster] = []
        for index in 0..<4 { nodes.append(try await cluster.node("n\(index)")) }
        let answers = try await withThrowingTaskGroup(of: RoomHome?.self) { group in
            for node in nodes { group.addTask { try await node.home(of: "standup", candidate: node.nodeID) } }
            return try await group.reduce(into: [RoomHome?]()) { $0.append($1) }
        }
        let homes = Set(answers.compactMap { $0?.node })
        #expect(answers.count == 4 && homes.count == 1, "one home for every asker: \(answers)")
        let home = try #require(homes.first)
        #expect(answers.first??.url == "http://\(home).invalid")
        let others = nodes.filter { $0.nodeID != home }
        // Asking again, even naming itself, does not move a live home.
        #expect(try await others[0].home(of: "standup", candidate: others[0].nodeID)?.node == home)

        // The home's lease runs out: the next node to ask becomes the home, before any reaping.
        _ = try cluster.sql("UPDATE nodes SET state = 'lost' WHERE id = '\(home)'")
        #expect(try await others[1].home(of: "standup", candidate: others[1].nodeID)?.node == others[1].nodeID)
        #expect(try await others[0].home(of: "standup", candidate: others[0].nodeID)?.node == others[1].nodeID)
        // A candidate that is not live is no home: nil, and nothing is written.
        #expect(try await others[0].home(of: "empty-room", candidate: home) == nil)
        #expect(try cluster.sql("SELECT COUNT(*) FROM room_homes WHERE room = 'empty-room'") == "0")
    }

    /// A room goes where its recording runs: while the recording of a lost
    /// node waits to be taken over the room has no home (asking says so),
    /// and once a node has taken it the room lives there, whoever asks.
    @Test func aRoomFollowsItsRecordingToTheNodeThatTookItOver() async throws {
        let cluster = try TestCluster()
        let a = try await cluster.node("a"), b = try await cluster.node("b"), c = try await cluster.node("c")
        #expect(try await a.home(of: "r", candidate: "a")?.node == "a")
        var job = Job(id: "rec", kind: .recording, room: "r", createdAt: 1)
        job.owner = "a"
        try await a.store.insert(job)
        _ = try cluster.sql("UPDATE jobs SET state = 'active', owner_epoch = (SELECT epoch FROM nodes WHERE id = 'a')")
        #expect(try await b.home(of: "r", candidate: "b")?.node == "a")
        // a is lost and its jobs freed: the recording has no owner until a node claims it.
        _ = try cluster.sql("UPDATE nodes SET state = 'lost' WHERE id = 'a'")
        _ = try cluster.sql("UPDATE jobs SET owner = NULL, owner_epoch = NULL")
        await #expect(throws: RoomHomeMoving.self) { try await b.home(of: "r", candidate: "b") }
        #expect(try cluster.sql("SELECT node FROM room_homes WHERE room = 'r'") == "a", "no node took the room meanwhile")
        _ = try cluster.sql("UPDATE jobs SET owner = 'c', owner_epoch = (SELECT epoch FROM nodes WHERE id = 'c')")
        #expect(try await b.home(of: "r", candidate: "b")?.node == "c", "the room lives where its recording went on")
        // Once the recording is over, the room stays where it is.
        _ = try cluster.sql("UPDATE jobs SET state = 'completed'")
        #expect(try await b.home(of: "r", candidate: "b")?.node == "c" && c.nodeID == "c")
    }

    @Test func aRestartedNodeKeepsItsHomes() async throws {
        let cluster = try TestCluster()
        let first = try await cluster.node("a")
        #expect(try await first.home(of: "r", candidate: "a")?.node == "a")
        let restarted = try await cluster.node("a")
        let other = try await cluster.node("b")
        #expect(try await other.home(of: "r", candidate: "b")?.node == "a", "the restarted node took its rooms back under its new epoch")
        _ = restarted
    }

    @Test func aPlacedRecordingIsTakenByItsNodeAloneUntilThatNodeIsLost() async throws {
        let cluster = try TestCluster()
        let a = try await cluster.node("a"), b = try await cluster.node("b"), c = try await cluster.node("c")
        var placed = Job(id: "placed", kind: .recording, room: "r", createdAt: 1)
        placed.owner = "b"
        try await a.store.insert(placed)
        #expect(try cluster.sql("SELECT owner || ':' || COALESCE(owner_epoch::text, 'none') FROM jobs") == "b:none")
        let byA = try await a.claim(limit: 5), byC = try await c.claim(limit: 5)
        #expect(byA.isEmpty && byC.isEmpty, "nobody else takes it")
        #expect(try await a.reap().isEmpty, "a job placed on a live node is not freed")
        #expect(try await b.nodes().first { $0.id == "b" }?.placed == 1)
        let taken = try await b.claim(limit: 5)
        #expect(taken.map(\.id) == ["placed"] && taken.first?.owner == "b")
        #expect(try await b.claim(limit: 5).isEmpty, "taken once")
        _ = try await b.store.transition(id: "placed", to: .starting, at: 2, reason: nil, message: nil)

        // Placed on a node that is lost before it took it: freed, and any node takes it.
        var orphan = Job(id: "orphan", kind: .recording, room: "r", createdAt: 3)
        orphan.owner = "c"
        try await a.store.insert(orphan)
        _ = try cluster.sql("UPDATE nodes SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE id = 'c'")
        #expect(try await a.reap() == ["orphan"])
        #expect(try await a.claim(limit: 5).map(\.id) == ["orphan"])
    }
}
