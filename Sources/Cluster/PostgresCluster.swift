import Foundation
import Jobs
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// This node's membership of a cluster on PostgreSQL: the pooled client,
/// the node registry (join, renew, reap), the shared queue's claims, and
/// the store every node shares. `run` keeps the lease and the wake-ups
/// going until cancelled.
public final class PostgresCluster: ClusterWork {
    public struct Settings: Sendable {
        public var address: PostgresAddress
        public var nodeID: String
        public var url: String
        public var capacity: Int
        /// How often the lease is renewed, and how long one renewal holds.
        public var renewEverySeconds: Double = 2
        public var leaseSeconds: Double = 10
        /// The safety net under the notifications: a claim attempt this often.
        public var pollSeconds: Double = 5

        public init(address: PostgresAddress, nodeID: String, url: String, capacity: Int) {
            self.address = address
            self.nodeID = nodeID
            self.url = url
            self.capacity = capacity
        }
    }

    public let settings: Settings
    public let session: NodeSession
    public let store: PostgresJobStore
    let client: PostgresClient
    let logger: Logger
    private let clientTask: Task<Void, Never>
    private let advertised: Mutex<String>

    /// Where other nodes and clients reach this node, as the registry has it.
    public var url: String { advertised.withLock { $0 } }

    public var nodeID: String { session.nodeID }
    public var isFenced: Bool { session.isFenced }

    /// Connects, brings the schema up to date and joins (adopting the
    /// unfinished jobs this node id held before a restart). Throws with the
    /// reason when the database cannot be reached or refuses.
    public static func join(_ settings: Settings, logger: Logger) async throws -> PostgresCluster {
        let cluster = PostgresCluster(settings: settings, logger: logger)
        do {
            try await PostgresSchema.migrate(cluster.client, logger: logger)
            try await cluster.register(adopting: true)
        } catch {
            cluster.close()
            throw ClusterError.databaseUnusable(address: settings.address.description, reason: ClusterError.describe(error))
        }
        return cluster
    }

    private init(settings: Settings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        advertised = Mutex(settings.url)
        session = NodeSession(nodeID: settings.nodeID, url: settings.url, renewEvery: settings.renewEverySeconds, lifetime: settings.leaseSeconds)
        client = PostgresClient(configuration: Self.configuration(settings.address, leaseSeconds: settings.leaseSeconds), backgroundLogger: logger)
        let client = self.client
        clientTask = Task { await client.run() }
        store = PostgresJobStore(client: client, session: session, logger: logger)
    }

    /// What each session asks of the server. A node cut off in the middle
    /// of a transaction leaves it open on the server, holding its row locks
    /// and the reaper's advisory lock, and the server cannot tell the link
    /// is gone: it ends a session idle inside a transaction for half a lease,
    /// so the others can reap and take over. (Its own transactions are a
    /// few short statements.)
    static func sessionParameters(leaseSeconds: Double) -> [(String, String)] {
        [("idle_in_transaction_session_timeout", String(Int(Swift.max(1, leaseSeconds / 2) * 1000))), ("application_name", "tessera")]
    }

    static func configuration(_ address: PostgresAddress, leaseSeconds: Double) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch address.tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: address.host, port: address.port, username: address.user,
                                                         password: address.password, database: address.database, tls: tls)
        configuration.options.maximumConnections = 8
        configuration.options.additionalStartupParameters = sessionParameters(leaseSeconds: leaseSeconds)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Stops the pooled connections (the lease stops being renewed).
    public func close() { clientTask.cancel() }

    // MARK: - The registry

    /// Joins with a new epoch; `adopting` (a process starting) takes back
    /// the unfinished jobs this node id held, under the new epoch. A node
    /// joining again after it was fenced adopts nothing: what it held was
    /// or will be handed to others, and it never writes over that.
    func register(adopting: Bool) async throws {
        let sentAt = session.now
        let epoch: Int64 = try await client.transaction(logger: logger) { connection in
            let lease = settings.leaseSeconds
            let rows = try await connection.query("""
                INSERT INTO nodes (id, url, capacity, load, epoch, state, joined_at, renewed_at, lease_expires_at)
                VALUES (\(settings.nodeID), \(url), \(settings.capacity), 0, nextval('node_epochs'), 'live', clock_timestamp(),
                        clock_timestamp(), clock_timestamp() + make_interval(secs => \(lease)))
                ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, capacity = EXCLUDED.capacity, load = 0, epoch = EXCLUDED.epoch,
                    state = 'live', joined_at = EXCLUDED.joined_at, renewed_at = EXCLUDED.renewed_at, lease_expires_at = EXCLUDED.lease_expires_at
                RETURNING epoch
                """, logger: logger)
            guard let epoch = try await rows.decode(Int64.self).first(where: { _ in true }) else { throw ClusterError.noEpoch }
            if adopting {
                try await connection.query("""
                    UPDATE jobs SET owner_epoch = \(epoch) WHERE owner = \(settings.nodeID) AND state <> ALL(\(PostgresJobStore.finalStates))
                      AND owner_epoch IS NOT NULL
                    """, logger: logger)
                try await connection.query("UPDATE room_homes SET epoch = \(epoch) WHERE node = \(settings.nodeID)", logger: logger)
            }
            return epoch
        }
        session.joined(epoch: epoch, sentAt: sentAt)
        logger.info("joined the cluster", metadata: ["node": .string(settings.nodeID), "epoch": .stringConvertible(epoch)])
    }

    /// A new address for this node, known only once the HTTP server has a
    /// port (`--http-port 0`); kept for the next join too.
    public func advertise(_ url: String) async {
        advertised.withLock { $0 = url }
        do { try await client.query("UPDATE nodes SET url = \(url) WHERE id = \(settings.nodeID)", logger: logger) } catch {
            logger.warning("cannot store this node's address", metadata: ["error": .string(ClusterError.describe(error))])
        }
    }

    /// At a graceful stop, once its recordings have ended: the node leaves
    /// the registry at once (state `left`), gives up its rooms' homes and
    /// frees what it leaves unfinished, so the others take over without
    /// waiting for its lease to run out.
    public func leave() async {
        session.leave()
        guard let epoch = session.epoch else { return }
        do {
            try await client.query("UPDATE nodes SET state = 'left', load = 0 WHERE id = \(settings.nodeID) AND epoch = \(epoch)", logger: logger)
            try await client.query("DELETE FROM room_homes WHERE node = \(settings.nodeID)", logger: logger)
            let freed = try await reap()
            logger.info("left the cluster", metadata: ["node": .string(settings.nodeID), "freed": .stringConvertible(freed.count)])
        } catch {
            logger.warning("cannot leave the cluster: the others take over once the lease has run out", metadata: ["error": .string(ClusterError.describe(error))])
        }
    }

    /// Renews the lease (and reports the load); false when the registry no
    /// longer has this node at this epoch.
    func renew(load: Int) async throws -> Bool {
        guard let epoch = session.epoch else { return false }
        let sentAt = session.now
        let rows = try await client.query("""
            UPDATE nodes SET renewed_at = clock_timestamp(), lease_expires_at = clock_timestamp() + make_interval(secs => \(settings.leaseSeconds)),
                load = \(load) WHERE id = \(settings.nodeID) AND epoch = \(epoch) AND state = 'live' RETURNING id
            """, logger: logger).collect()
        guard !rows.isEmpty else { return false }
        session.renewed(sentAt: sentAt)
        return true
    }

    /// One node at a time (an advisory lock): marks nodes whose lease ran
    /// out as lost, and frees every unfinished job whose owner is not live
    /// at the epoch it was taken under (or, placed and not yet taken, not
    /// live at all), so live nodes claim it. Returns the jobs freed.
    @discardableResult
    public func reap() async throws -> [String] {
        try await client.transaction(logger: logger) { connection in
            let locked = try await connection.query("SELECT pg_try_advisory_xact_lock(\(PostgresSchema.reaperLock))", logger: logger)
            guard try await locked.decode(Bool.self).first(where: { _ in true }) == true else { return [] }
            var lost: [String] = []
            for try await id in try await connection.query("""
                UPDATE nodes SET state = 'lost' WHERE state = 'live' AND lease_expires_at < clock_timestamp() RETURNING id
                """, logger: logger).decode(String.self) { lost.append(id) }
            var freed: [String] = []
            for try await id in try await connection.query("""
                UPDATE jobs SET owner = NULL, owner_epoch = NULL
                WHERE owner IS NOT NULL AND state <> ALL(\(PostgresJobStore.finalStates))
                  AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = jobs.owner AND n.state = 'live'
                                  AND (n.epoch = jobs.owner_epoch OR jobs.owner_epoch IS NULL))
                RETURNING id
                """, logger: logger).decode(String.self) { freed.append(id) }
            for id in freed { try await connection.query("SELECT pg_notify(\(PostgresSchema.jobsChannel), \(id))", logger: logger) }
            if !lost.isEmpty || !freed.isEmpty {
                logger.warning("nodes lost their lease; their jobs are free for others", metadata: [
                    "nodes": .string(lost.joined(separator: ",")), "jobs": .string(freed.joined(separator: ","))])
            }
            return freed
        }
    }

    // MARK: - Work

    /// Recordings placed on this node come first (their owner is this node,
    /// with no epoch until it takes them); then work nobody holds.
    public func claim(limit: Int) async throws -> [Job] {
        guard let epoch = session.writableEpoch else { return [] }
        let node = settings.nodeID
        let placed = try await PostgresJobStore.jobs(client.query("""
            UPDATE jobs SET owner_epoch = \(epoch)
            WHERE id IN (SELECT id FROM jobs WHERE owner = \(node) AND owner_epoch IS NULL AND state = 'queued'
                         ORDER BY sequence FOR UPDATE SKIP LOCKED LIMIT \(Swift.max(1, Swift.min(limit, 100))))
              AND EXISTS (SELECT 1 FROM nodes n WHERE n.id = \(node) AND n.epoch = \(epoch) AND n.state = 'live'
                          AND n.lease_expires_at > clock_timestamp())
            RETURNING \(unescaped: PostgresJobStore.columns)
            """, logger: logger))
        if !placed.isEmpty { return placed }
        // A job that was under way (its node lost) gets a history entry naming the node that takes it over.
        return try await PostgresJobStore.jobs(client.query("""
            WITH claimed AS (
                UPDATE jobs SET owner = \(node), owner_epoch = \(epoch)
                WHERE id IN (SELECT id FROM jobs WHERE owner IS NULL AND state <> ALL(\(PostgresJobStore.finalStates))
                             ORDER BY sequence FOR UPDATE SKIP LOCKED LIMIT \(Swift.max(1, Swift.min(limit, 100))))
                  AND EXISTS (SELECT 1 FROM nodes n WHERE n.id = \(node) AND n.epoch = \(epoch) AND n.state = 'live'
                              AND n.lease_expires_at > clock_timestamp())
                RETURNING \(unescaped: PostgresJobStore.columns)),
            noted AS (
                INSERT INTO job_transitions (job_id, from_state, to_state, at, reason, node)
                SELECT id, state, state, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT, 'taken over: the node that held it was lost', \(node)
                FROM claimed WHERE state <> 'queued')
            SELECT \(unescaped: PostgresJobStore.columns) FROM claimed
            """, logger: logger))
    }

    public func nodes() async throws -> [NodeStatus] {
        var nodes: [NodeStatus] = []
        let rows = try await client.query("""
            SELECT n.id, n.url, n.state, n.capacity, n.load, EXTRACT(EPOCH FROM clock_timestamp() - n.renewed_at)::float8, n.epoch,
                   (SELECT COUNT(*) FROM jobs j WHERE j.owner = n.id AND j.state <> ALL(\(PostgresJobStore.finalStates))),
                   (SELECT COUNT(*) FROM jobs j WHERE j.owner = n.id AND j.owner_epoch IS NULL AND j.state = 'queued')
            FROM nodes n ORDER BY n.id
            """, logger: logger)
        for try await (id, url, state, capacity, load, age, epoch, jobs, placed)
            in rows.decode((String, String, String, Int32, Int32, Double, Int64, Int64, Int64).self) {
            nodes.append(NodeStatus(id: id, url: url, state: NodeStatus.State(rawValue: state) ?? .lost, capacity: Int(capacity), load: Int(load),
                                    leaseAgeSeconds: age, epoch: epoch, jobs: Int(clamping: jobs), placed: Int(clamping: placed)))
        }
        return nodes
    }

    /// A secret every node shares (made by the first that asks): signing
    /// keys must verify on every node.
    public func sharedSecret(_ name: String, make: () -> [UInt8]) async throws -> [UInt8] {
        let made = make()
        try await client.query("INSERT INTO cluster_secrets (name, value) VALUES (\(name), \(ByteBuffer(bytes: made))) ON CONFLICT (name) DO NOTHING",
                               logger: logger)
        let rows = try await client.query("SELECT value FROM cluster_secrets WHERE name = \(name)", logger: logger)
        guard let value = try await rows.decode(ByteBuffer.self).first(where: { _ in true }) else { throw ClusterError.noSecret(name) }
        return Array(value.readableBytesView)
    }
}

public enum ClusterError: Error, CustomStringConvertible {
    case databaseUnusable(address: String, reason: String)
    case noEpoch
    case noSecret(String)
    case noCommandRow
    case noAnswer(seconds: Double)

    public var description: String {
        switch self {
        case let .databaseUnusable(address, reason): "the database \(address) cannot be used: \(reason)"
        case .noEpoch: "the node registry gave no epoch"
        case let .noSecret(name): "the shared secret \(name) could not be stored"
        case .noCommandRow: "the command could not be stored"
        case let .noAnswer(seconds): "the database did not answer within \(seconds) s"
        }
    }

    /// A PostgreSQL error said plainly (its server message, not the whole query).
    static func describe(_ error: Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }
}
