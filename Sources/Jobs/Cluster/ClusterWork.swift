/// What the job service needs from the other nodes when several machines
/// share one store: who it is, whether it may still act, and the work it
/// may take. The PostgreSQL implementation is in module Cluster; on one
/// machine there is none and the service runs everything itself.
public protocol ClusterWork: Sendable {
    /// This node's id (`--node-id`), written as the owner of what it runs.
    var nodeID: String { get }
    /// True while this node's lease has lapsed: it takes no work and writes no state.
    var isFenced: Bool { get }
    /// Takes up to `limit` jobs no live node holds, oldest first, and makes
    /// this node their owner: queued renders, and the unfinished jobs of
    /// nodes whose lease ran out. No two nodes get the same job.
    func claim(limit: Int) async throws -> [Job]
    /// Every node that has joined, live or lost, with its load.
    func nodes() async throws -> [NodeStatus]
    /// Hands `command` to `node`, the job's owner, and waits for its answer;
    /// nil when none came within the command's bound.
    func send(_ command: JobCommand, job: String, to node: String) async throws -> CommandAnswer?
    /// The live node a room lives on (its WHIP publishers, its members, its
    /// recordings). When it has none, the node running the room's recording
    /// becomes its home, else `candidate`, so nodes asking at once agree on
    /// one. Nil when that node is not live either; throws `RoomHomeMoving`
    /// while the room's recording waits for a node to take it over.
    func home(of room: String, candidate: String) async throws -> RoomHome?
}

/// A room whose recording lost its node and is not yet taken over: it has
/// no home until it is (then it lives where the recording went on).
public struct RoomHomeMoving: Error, CustomStringConvertible {
    public var room: String
    public init(room: String) { self.room = room }
    public var description: String { "room \(room) is moving to another node with its recording" }
}

/// Where a request for a room is served, as a node sees it.
public enum RoomWhereabouts: Equatable, Sendable {
    /// Here: one machine, or this node is the room's home.
    case here
    /// On another node, at this address.
    case elsewhere(String)
    /// Nowhere for a few seconds: its recording is being taken over; ask again.
    case moving
}

/// Where a room lives in a cluster.
public struct RoomHome: Equatable, Sendable {
    public var node: String
    /// The node's `--advertise-url`.
    public var url: String

    public init(node: String, url: String) {
        self.node = node
        self.url = url
    }
}

/// A node as `GET /v1/nodes` shows it.
public struct NodeStatus: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable {
        /// Renewing its lease.
        case live
        /// Its lease ran out: its jobs were handed to the others.
        case lost
        /// It stopped gracefully and left: what it left unfinished went to the others.
        case left
    }

    public var id: String
    /// Where its API and media are reached (`--advertise-url`).
    public var url: String
    public var state: State
    public var capacity: Int
    /// Capacity units its running work holds, as of its last renewal.
    public var load: Int
    /// Seconds since the lease was last renewed.
    public var leaseAgeSeconds: Double
    /// Changes each time the node joins; a write carrying an older one is refused.
    public var epoch: Int64
    /// Unfinished jobs it owns.
    public var jobs: Int
    /// Of those, recordings placed on it that it has not started yet (not in `load`).
    public var placed: Int

    public init(id: String, url: String, state: State, capacity: Int, load: Int, leaseAgeSeconds: Double, epoch: Int64, jobs: Int, placed: Int = 0) {
        self.id = id
        self.url = url
        self.state = state
        self.capacity = capacity
        self.load = load
        self.leaseAgeSeconds = leaseAgeSeconds
        self.epoch = epoch
        self.jobs = jobs
        self.placed = placed
    }
}
