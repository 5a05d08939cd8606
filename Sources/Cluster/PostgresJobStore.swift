import Foundation
import Jobs
import Logging
import PostgresNIO

/// The job store several nodes share. Every state change is a
/// compare-and-set on (state, owner, owner's epoch) in one transaction
/// with its history row and a `pg_notify` of the job id; a writer whose
/// lease has lapsed, or that no longer owns the job, changes nothing.
/// Without a `NodeSession` (tools, tests) writes are not fenced.
public final class PostgresJobStore: JobStore {
    let client: PostgresClient
    let session: NodeSession?
    let logger: Logger
    static let columns = "id, kind, state, room, settings, created_at, updated_at, failure_reason, failure_message, result, owner"
    static let finalStates = JobState.allCases.filter(\.isFinal).map(\.rawValue)

    public init(client: PostgresClient, session: NodeSession?, logger: Logger) {
        self.client = client
        self.session = session
        self.logger = logger
    }

    /// Who writes: this node and the epoch its lease holds, or nobody in
    /// particular (no session). A fenced node writes nothing.
    func writer() throws -> (node: String, epoch: Int64)? {
        guard let session else { return nil }
        guard let epoch = session.writableEpoch else { throw JobStoreError.fenced }
        return (session.nodeID, epoch)
    }

    public func insert(_ job: Job) async throws {
        let writer = try writer()
        // A job placed on another node has no epoch until that node takes it.
        let ownerEpoch: Int64? = job.owner != nil && job.owner == writer?.node ? writer?.epoch : nil
        try await client.transaction(logger: logger) { connection in
            let inserted = try await connection.query("""
                INSERT INTO jobs (id, kind, state, room, settings, created_at, updated_at, failure_reason, failure_message, result, owner, owner_epoch)
                VALUES (\(job.id), \(job.kind.rawValue), \(job.state.rawValue), \(job.room), \(job.settings), \(job.createdAt), \(job.updatedAt),
                        \(job.failureReason), \(job.failureMessage), \(job.result), \(job.owner), \(ownerEpoch))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger).collect()
            guard !inserted.isEmpty else { throw JobStoreError.duplicateJob(job.id) }
            try await connection.query("SELECT pg_notify(\(PostgresSchema.jobsChannel), \(job.id))", logger: logger)
        }
    }

    public func job(id: String) async throws -> Job? {
        try await Self.jobs(client.query("SELECT \(unescaped: Self.columns) FROM jobs WHERE id = \(id)", logger: logger)).first
    }

    public func list(state: JobState?, room: String?, limit: Int, before: String?) async throws -> [Job] {
        var query: PostgresQuery = "SELECT \(unescaped: Self.columns) FROM jobs WHERE TRUE"
        var binds = query.binds
        var sql = query.sql
        func condition(_ text: String, _ value: String) {
            binds.append(value)
            sql += " AND " + text.replacingOccurrences(of: "?", with: "$\(binds.count)")
        }
        if let state { condition("state = ?", state.rawValue) }
        if let room { condition("room = ?", room) }
        if let before { condition("sequence < (SELECT sequence FROM jobs WHERE id = ?)", before) }
        binds.append(Swift.max(1, Swift.min(limit, 500)))
        sql += " ORDER BY sequence DESC LIMIT $\(binds.count)"
        query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await Self.jobs(client.query(query, logger: logger), skippingDamaged: true)
    }

    public func transition(id: String, to: JobState, at: Int64, reason: String?, message: String?) async throws -> Job {
        let writer = try writer()
        return try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query("SELECT kind, state, owner, owner_epoch FROM jobs WHERE id = \(id) FOR UPDATE", logger: logger)
            guard let (kindText, stateText, owner, ownerEpoch) = try await rows.decode((String, String, String?, Int64?).self).first(where: { _ in true }) else {
                throw JobStoreError.unknownJob(id)
            }
            guard let kind = JobKind(rawValue: kindText), let from = JobState(rawValue: stateText) else { throw JobStoreError.damagedRow("state") }
            if let owner, let writer, owner != writer.node || ownerEpoch != writer.epoch {
                throw JobStoreError.notOwner(id: id, owner: owner == writer.node ? nil : owner)
            }
            guard JobStateMachine.allows(kind, from: from, to: to) else { throw IllegalTransition(kind: kind, from: from, to: to) }
            let failureReason: String? = to == .failed ? reason : nil, failureMessage: String? = to == .failed ? message : nil
            // The compare-and-set: the row must still be as read, and an owner's lease must hold in the database's own clock.
            let changed = try await Self.jobs(connection.query("""
                UPDATE jobs SET state = \(to.rawValue), updated_at = \(at),
                    failure_reason = CASE WHEN \(to.rawValue) = 'failed' THEN \(failureReason) ELSE failure_reason END,
                    failure_message = CASE WHEN \(to.rawValue) = 'failed' THEN \(failureMessage) ELSE failure_message END
                WHERE id = \(id) AND state = \(from.rawValue) AND owner IS NOT DISTINCT FROM \(owner) AND owner_epoch IS NOT DISTINCT FROM \(ownerEpoch)
                  AND (owner IS NULL OR EXISTS (SELECT 1 FROM nodes n WHERE n.id = jobs.owner AND n.epoch = jobs.owner_epoch
                                                AND n.state = 'live' AND n.lease_expires_at > clock_timestamp()))
                RETURNING \(unescaped: Self.columns)
                """, logger: logger))
            guard let job = changed.first else { throw JobStoreError.notOwner(id: id, owner: nil) }
            try await connection.query("""
                INSERT INTO job_transitions (job_id, from_state, to_state, at, reason, node)
                VALUES (\(id), \(from.rawValue), \(to.rawValue), \(at), \(reason), \(writer?.node))
                """, logger: logger)
            try await connection.query("SELECT pg_notify(\(PostgresSchema.jobsChannel), \(id))", logger: logger)
            return job
        }
    }

    public func history(id: String) async throws -> [JobTransition] {
        let rows = try await client.query("SELECT from_state, to_state, at, reason, node FROM job_transitions WHERE job_id = \(id) ORDER BY id", logger: logger)
        var history: [JobTransition] = []
        for try await (from, to, at, reason, node) in rows.decode((String, String, Int64, String?, String?).self) {
            history.append(JobTransition(from: JobState(rawValue: from) ?? .failed, to: JobState(rawValue: to) ?? .failed, at: at, reason: reason, node: node))
        }
        return history
    }

    /// This node's unfinished jobs (all of them without a session): what it
    /// must pick up after a restart. Other nodes' jobs are theirs, or are
    /// claimed through the shared queue once their node is lost; those
    /// placed here and not taken yet come through the claim too.
    public func unfinished() async throws -> [Job] {
        let finals = Self.finalStates
        if let session {
            return try await Self.jobs(client.query("""
                SELECT \(unescaped: Self.columns) FROM jobs WHERE state <> ALL(\(finals)) AND owner = \(session.nodeID)
                  AND owner_epoch IS NOT NULL ORDER BY sequence
                """, logger: logger), skippingDamaged: true)
        }
        return try await Self.jobs(client.query("SELECT \(unescaped: Self.columns) FROM jobs WHERE state <> ALL(\(finals)) ORDER BY sequence",
                                                logger: logger), skippingDamaged: true)
    }

    public func delete(id: String) async throws -> Bool {
        try await !client.query("DELETE FROM jobs WHERE id = \(id) RETURNING id", logger: logger).collect().isEmpty
    }

    public func updateResult(id: String, _ change: @escaping @Sendable (String) -> String) async throws {
        _ = try writer()
        try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query("SELECT result FROM jobs WHERE id = \(id) FOR UPDATE", logger: logger)
            guard let current = try await rows.decode(String.self).first(where: { _ in true }) else { throw JobStoreError.unknownJob(id) }
            try await connection.query("UPDATE jobs SET result = \(change(current)) WHERE id = \(id)", logger: logger)
        }
    }

    public func countsByState() async throws -> [JobState: Int] {
        var counts: [JobState: Int] = [:]
        for try await (state, count) in try await client.query("SELECT state, COUNT(*) FROM jobs GROUP BY state", logger: logger).decode((String, Int64).self) {
            if let state = JobState(rawValue: state) { counts[state] = Int(clamping: count) }
        }
        return counts
    }

    /// Jobs from rows of `columns`; with `skippingDamaged`, a row that
    /// cannot be read is left out (a listing goes on with the others).
    static func jobs(_ rows: PostgresRowSequence, skippingDamaged: Bool = false) async throws -> [Job] {
        var jobs: [Job] = []
        for try await row in rows {
            do {
                let (id, kind, state, room, settings, createdAt, updatedAt, failureReason, failureMessage, result, owner) =
                    try row.decode((String, String, String, String?, String, Int64, Int64, String?, String?, String, String?).self)
                guard let kind = JobKind(rawValue: kind), let state = JobState(rawValue: state) else { throw JobStoreError.damagedRow("state") }
                var job = Job(id: id, kind: kind, state: state, room: room, settings: settings, createdAt: createdAt,
                              failureReason: failureReason, failureMessage: failureMessage)
                job.updatedAt = updatedAt
                job.result = result
                job.owner = owner
                jobs.append(job)
            } catch where skippingDamaged {
                continue
            }
        }
        return jobs
    }
}
