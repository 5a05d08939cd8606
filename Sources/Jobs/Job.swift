/// A job as the store keeps it. Times are microseconds since the Unix epoch.
public struct Job: Codable, Equatable, Sendable {
    public var id: String
    public var kind: JobKind
    public var state: JobState
    public var room: String?
    /// The request that made the job, as JSON (output settings, limits, metadata).
    public var settings: String
    public var createdAt: Int64
    public var updatedAt: Int64
    /// For `failed`: a machine-readable reason ("disk_full") and a message for people.
    public var failureReason: String?
    public var failureMessage: String?
    /// What the job made and saw (files, participants, webhooks), as JSON.
    public var result: String = "{}"
    /// The node that runs the job, when several share the store (nil on
    /// one machine, and for queued work no node has taken yet).
    public var owner: String? = nil

    public init(id: String, kind: JobKind, state: JobState = .queued, room: String? = nil, settings: String = "{}",
                createdAt: Int64, failureReason: String? = nil, failureMessage: String? = nil) {
        self.id = id
        self.kind = kind
        self.state = state
        self.room = room
        self.settings = settings
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.failureReason = failureReason
        self.failureMessage = failureMessage
    }
}

/// One applied state change, kept so a job's history can be shown.
public struct JobTransition: Codable, Equatable, Sendable {
    public var from: JobState
    public var to: JobState
    public var at: Int64
    public var reason: String?
    /// The node that made the change, when several share the store.
    public var node: String? = nil

    public init(from: JobState, to: JobState, at: Int64, reason: String?, node: String? = nil) {
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
        self.node = node
    }
}

/// Where jobs live. SQLite is the embedded default; PostgreSQL (module
/// Cluster) is the store several machines share. `transition` checks
/// `JobStateMachine` inside the store's own transaction, so two processes
/// cannot both move a job from the same state; a shared store also checks
/// that the writer still owns the job (its node and lease epoch).
public protocol JobStore: Sendable {
    func insert(_ job: Job) async throws
    func job(id: String) async throws -> Job?
    /// Newest first; `before` is the id of the last job of the previous page.
    func list(state: JobState?, room: String?, limit: Int, before: String?) async throws -> [Job]
    /// Applies a legal transition and returns the job; throws `IllegalTransition` (nothing applied) otherwise.
    func transition(id: String, to: JobState, at: Int64, reason: String?, message: String?) async throws -> Job
    func history(id: String) async throws -> [JobTransition]
    /// Jobs not in a final state: what a restarted server must pick up.
    func unfinished() async throws -> [Job]
    func delete(id: String) async throws -> Bool
    /// Changes the job's result (what it made and saw) in one transaction,
    /// so concurrent changes (webhook attempts, files) are not lost; no state change.
    func updateResult(id: String, _ change: @escaping @Sendable (String) -> String) async throws
    /// How many jobs are in each state (for metrics).
    func countsByState() async throws -> [JobState: Int]
}

public enum JobStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownJob(String)
    case duplicateJob(String)
    /// A stored row that cannot be read (a wrong type or a missing value in `column`).
    case damagedRow(String)
    /// The job belongs to another node (`owner`), or this node's lease ran
    /// out and it no longer holds the job: nothing was written.
    case notOwner(id: String, owner: String?)
    /// This node's lease has lapsed: it writes no job state until it has joined again.
    case fenced
    public var description: String {
        switch self {
        case let .notOwner(id, owner?): "job \(id) is run by node \(owner), not by this one"
        case let .notOwner(id, nil): "job \(id) is no longer held by this node"
        case .fenced: "this node's lease has run out: it writes no job state until it has joined again"
        case let .unknownJob(id): "no job \(id)"
        case let .damagedRow(column): "a stored job is damaged: its \(column) cannot be read"
        case let .duplicateJob(id): "a job \(id) exists already"
        }
    }
}
