import Jobs
import PostgresNIO

/// Bulk helpers for `tessera benchmark cluster`, which runs on a database of its own.
extension PostgresCluster {
    public func deleteAllJobs() async throws {
        try await client.query("DELETE FROM jobs", logger: logger)
    }

    /// `count` queued render jobs with no owner, in one statement.
    public func insertQueued(count: Int, prefix: String) async throws {
        try await client.query("""
            INSERT INTO jobs (id, kind, state, settings, created_at, updated_at)
            SELECT \(prefix) || i, 'render', 'queued', '{}', i, i FROM generate_series(1, \(count)) AS i
            """, logger: logger)
    }
}
