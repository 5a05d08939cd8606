import Foundation
import GRDB

/// The embedded job store: one SQLite file in the data directory (WAL
/// mode), no server to run. Every change is one transaction.
public final class SQLiteJobStore: JobStore {
    private let database: DatabasePool

    /// Opens (or creates) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        database = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("jobs-v1") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, room TEXT, settings TEXT NOT NULL,
                    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, failure_reason TEXT, failure_message TEXT,
                    sequence INTEGER NOT NULL);
                CREATE INDEX jobs_by_state ON jobs(state, sequence);
                CREATE INDEX jobs_by_room ON jobs(room, sequence);
                CREATE TABLE job_transitions (
                    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, from_state TEXT NOT NULL, to_state TEXT NOT NULL,
                    at INTEGER NOT NULL, reason TEXT);
                CREATE INDEX job_transitions_by_job ON job_transitions(job_id);
                """)
        }
        migrator.registerMigration("jobs-v2-result") { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN result TEXT NOT NULL DEFAULT '{}'")
        }
        migrator.registerMigration("jobs-v3-owner") { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN owner TEXT")
        }
        try migrator.migrate(database)
    }

    public func insert(_ job: Job) async throws {
        try await database.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM jobs WHERE id = ?", arguments: [job.id]) != nil {
                throw JobStoreError.duplicateJob(job.id)
            }
            let sequence = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM jobs") ?? 1
            try db.execute(sql: """
                INSERT INTO jobs (id, kind, state, room, settings, created_at, updated_at, failure_reason, failure_message, sequence, result, owner)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [job.id, job.kind.rawValue, job.state.rawValue, job.room, job.settings, job.createdAt, job.updatedAt,
                                 job.failureReason, job.failureMessage, sequence, job.result, job.owner])
        }
    }

    public func job(id: String) async throws -> Job? {
        try await database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map { try Self.job($0) } }
    }

    public func list(state: JobState?, room: String?, limit: Int, before: String?) async throws -> [Job] {
        try await database.read { db in
            var conditions: [String] = [], arguments: [(any DatabaseValueConvertible)?] = []
            if let state { conditions.append("state = ?"); arguments.append(state.rawValue) }
            if let room { conditions.append("room = ?"); arguments.append(room) }
            if let before {
                conditions.append("sequence < (SELECT sequence FROM jobs WHERE id = ?)")
                arguments.append(before)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(Swift.max(1, Swift.min(limit, 500)))
            return try Row.fetchAll(db, sql: "SELECT * FROM jobs \(filter) ORDER BY sequence DESC LIMIT ?",
                                    arguments: StatementArguments(arguments)).compactMap { try? Self.job($0) }  // a damaged row is skipped
        }
    }

    public func transition(id: String, to: JobState, at: Int64, reason: String?, message: String?) async throws -> Job {
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) else {
                throw JobStoreError.unknownJob(id)
            }
            var job = try Self.job(row)
            guard JobStateMachine.allows(job.kind, from: job.state, to: to) else {
                throw IllegalTransition(kind: job.kind, from: job.state, to: to)
            }
            try db.execute(sql: "INSERT INTO job_transitions (job_id, from_state, to_state, at, reason) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, job.state.rawValue, to.rawValue, at, reason])
            job.state = to
            job.updatedAt = at
            if to == .failed {
                job.failureReason = reason
                job.failureMessage = message
            }
            try db.execute(sql: "UPDATE jobs SET state = ?, updated_at = ?, failure_reason = ?, failure_message = ? WHERE id = ?",
                           arguments: [job.state.rawValue, at, job.failureReason, job.failureMessage, id])
            return job
        }
    }

    public func history(id: String) async throws -> [JobTransition] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM job_transitions WHERE job_id = ? ORDER BY rowid", arguments: [id]).map { row in
                JobTransition(from: String.fromDatabaseValue(row["from_state"] as DatabaseValue).flatMap(JobState.init(rawValue:)) ?? .failed,
                              to: String.fromDatabaseValue(row["to_state"] as DatabaseValue).flatMap(JobState.init(rawValue:)) ?? .failed,
                              at: Int64.fromDatabaseValue(row["at"] as DatabaseValue) ?? 0,
                              reason: String.fromDatabaseValue(row["reason"] as DatabaseValue))
            }
        }
    }

    public func unfinished() async throws -> [Job] {
        let finals = JobState.allCases.filter(\.isFinal).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await database.read { db in
            // A damaged row is skipped: recovery goes on with the others.
            try Row.fetchAll(db, sql: "SELECT * FROM jobs WHERE state NOT IN (\(finals)) ORDER BY sequence").compactMap { try? Self.job($0) }
        }
    }

    public func delete(id: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM job_transitions WHERE job_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM jobs WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func updateResult(id: String, _ change: @escaping @Sendable (String) -> String) async throws {
        try await database.write { db in
            guard let current = try String.fetchOne(db, sql: "SELECT result FROM jobs WHERE id = ?", arguments: [id]) else {
                throw JobStoreError.unknownJob(id)
            }
            try db.execute(sql: "UPDATE jobs SET result = ? WHERE id = ?", arguments: [change(current), id])
        }
    }

    public func countsByState() async throws -> [JobState: Int] {
        try await database.read { db in
            var counts: [JobState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM jobs GROUP BY state") {
                if let state = String.fromDatabaseValue(row["state"] as DatabaseValue).flatMap(JobState.init(rawValue:)) {
                    counts[state] = Int.fromDatabaseValue(row["n"] as DatabaseValue) ?? 0
                }
            }
            return counts
        }
    }

    /// A job from its row. Every column is read as a plain database value
    /// and converted here: a damaged row (a wrong type, a NULL where a value
    /// belongs) is an error, not the crash GRDB's typed subscripts make of it.
    private static func job(_ row: Row) throws -> Job {
        func text(_ column: String) throws -> String {
            guard let value = String.fromDatabaseValue(row[column] as DatabaseValue) else { throw JobStoreError.damagedRow(column) }
            return value
        }
        func optionalText(_ column: String) -> String? { String.fromDatabaseValue(row[column] as DatabaseValue) }
        func integer(_ column: String) throws -> Int64 {
            guard let value = Int64.fromDatabaseValue(row[column] as DatabaseValue) else { throw JobStoreError.damagedRow(column) }
            return value
        }
        var job = Job(id: try text("id"), kind: JobKind(rawValue: try text("kind")) ?? .recording,
                      state: JobState(rawValue: try text("state")) ?? .failed,
                      room: optionalText("room"), settings: try text("settings"), createdAt: try integer("created_at"),
                      failureReason: optionalText("failure_reason"), failureMessage: optionalText("failure_message"))
        job.updatedAt = try integer("updated_at")
        job.result = optionalText("result") ?? "{}"
        job.owner = optionalText("owner")
        return job
    }

}

#if DEBUG
extension SQLiteJobStore {
    /// For tests: stores a value of the wrong type in a job's row, as a damaged file might hold.
    func damage(id: String) async throws {
        try await database.write { db in try db.execute(sql: "UPDATE jobs SET created_at = 'not a number' WHERE id = ?", arguments: [id]) }
    }
}
#endif
