import Logging
import PostgresNIO

/// The shared store's tables, brought up to date in order when a node
/// starts. Nodes starting at once take turns through an advisory lock, so
/// each migration runs exactly once. Each statement is sent on its own
/// (the extended protocol takes one statement a query).
enum PostgresSchema {
    /// Advisory lock keys: one for migrations, one for the reaper.
    static let migrationLock: Int64 = 0x7465_7373_0001
    static let reaperLock: Int64 = 0x7465_7373_0002
    /// The channel every job change is announced on; the payload is the job id alone.
    static let jobsChannel = "tessera_jobs"

    static let migrations: [(name: String, statements: [String])] = [
        ("cluster-v1", [
            "CREATE SEQUENCE node_epochs",
            """
            CREATE TABLE nodes (
                id TEXT PRIMARY KEY, url TEXT NOT NULL, capacity INTEGER NOT NULL, load INTEGER NOT NULL DEFAULT 0,
                epoch BIGINT NOT NULL, state TEXT NOT NULL, joined_at TIMESTAMPTZ NOT NULL,
                renewed_at TIMESTAMPTZ NOT NULL, lease_expires_at TIMESTAMPTZ NOT NULL)
            """,
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, room TEXT, settings TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, failure_reason TEXT, failure_message TEXT,
                sequence BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, result TEXT NOT NULL DEFAULT '{}',
                owner TEXT, owner_epoch BIGINT)
            """,
            "CREATE INDEX jobs_by_state ON jobs (state, sequence)",
            "CREATE INDEX jobs_by_room ON jobs (room, sequence)",
            "CREATE INDEX jobs_unowned ON jobs (sequence) WHERE owner IS NULL",
            "CREATE INDEX jobs_by_owner ON jobs (owner) WHERE owner IS NOT NULL",
            """
            CREATE TABLE job_transitions (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                from_state TEXT NOT NULL, to_state TEXT NOT NULL, at BIGINT NOT NULL, reason TEXT, node TEXT)
            """,
            "CREATE INDEX job_transitions_by_job ON job_transitions (job_id, id)",
            // Secrets every node must share (link and room-token signing), made by whichever node starts first.
            "CREATE TABLE cluster_secrets (name TEXT PRIMARY KEY, value BYTEA NOT NULL)",
        ]),
        // Commands for a job's owner from the node that took the request (stop, a new layout).
        ("cluster-v2-commands", [
            """
            CREATE TABLE job_commands (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, job_id TEXT NOT NULL, node TEXT NOT NULL, command TEXT NOT NULL,
                sent_by TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), taken_at TIMESTAMPTZ,
                answer TEXT, answered_at TIMESTAMPTZ)
            """,
            "CREATE INDEX job_commands_waiting ON job_commands (node, id) WHERE taken_at IS NULL",
        ]),
        // The node each room lives on, at the epoch it claimed it under.
        ("cluster-v3-room-homes", [
            "CREATE TABLE room_homes (room TEXT PRIMARY KEY, node TEXT NOT NULL, epoch BIGINT NOT NULL, since TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())",
            "CREATE INDEX room_homes_by_node ON room_homes (node)",
        ]),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.transaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS tessera_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                                       logger: logger)
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM tessera_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in migrations where !applied.contains(migration.name) {
                logger.info("applying database migration", metadata: ["migration": .string(migration.name)])
                for statement in migration.statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query("INSERT INTO tessera_migrations (name) VALUES (\(migration.name))", logger: logger)
            }
        }
    }
}
