import Cluster
import Foundation
import Jobs
import Logging
import PostgresTestSupport
import Testing

/// Nodes on a fresh database of the test PostgreSQL, their loops not
/// running: a test renews, reaps and claims by hand.
struct TestCluster {
    let server: PostgresTestServer
    let address: PostgresAddress

    init() throws {
        server = try PostgresTestServer.shared.get()
        address = try server.makeDatabase()
    }

    func node(_ id: String, lease: Double = 30) async throws -> PostgresCluster {
        var settings = PostgresCluster.Settings(address: address, nodeID: id, url: "http://\(id).invalid", capacity: 12)
        settings.leaseSeconds = lease
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return try await PostgresCluster.join(settings, logger: logger)
    }

    func sql(_ text: String) throws -> String { try server.psql(address, text) }
}

/// The store behind the protocol, on either engine, with a way to open it again as a restarted process would.
enum StoreEngine: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }

    /// A store for node "n1", and a function that opens it again (a restart of that node).
    func make() async throws -> (store: JobStore, reopen: @Sendable () async throws -> JobStore) {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString).sqlite").path
            return (try SQLiteJobStore(path: path), { try SQLiteJobStore(path: path) })
        case .postgres:
            let cluster = try TestCluster()
            let node = try await cluster.node("n1")
            return (node.store, { try await cluster.node("n1").store })
        }
    }
}
