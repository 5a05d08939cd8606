import APIModel
import Foundation

/// Where a new recording runs when several nodes share the store: a
/// recording of a room's publishers or members runs on the room's home
/// node; any other on the live node with the most free capacity (this one
/// on a tie, saving a hop). A recording placed elsewhere is stored with that
/// node as its owner; the node takes it through its claim, woken by the
/// store's notification, and the request answers once it has started it.
extension JobService {
    /// The node to run `spec` on, or nil for this one (whose own admission
    /// then decides). 503 when the room's home has no room for it.
    func placement(of spec: RecordingSpec, cost: Int) async throws(ServiceError) -> String? {
        guard let cluster = configuration.cluster else { return nil }
        let here = cluster.nodeID
        let live: [NodeStatus]
        do { live = try await cluster.nodes().filter { $0.state == .live } } catch { throw JobLedger.internalError(error) }
        // This node's own load is current; the others' are as of their last renewal, plus what was placed on them since.
        let free = live.map { node in
            (id: node.id, free: node.id == here ? admission.settings.capacity - admission.load
                                                 : node.capacity - node.load - node.placed * JobCost.liveComposite)
        }
        let fitting = free.filter { $0.free >= cost }
        let best = fitting.max { ($0.free, $0.id == here ? 1 : 0) < ($1.free, $1.id == here ? 1 : 0) }?.id
        // A source's token or PIN is used from memory and never stored: such a recording runs where it was asked for.
        let keepsSecrets = spec.request != spec.request.withoutSecrets
        switch spec.source {
        case .whip, .room:
            let home: RoomHome?
            do { home = try await cluster.home(of: spec.room, candidate: keepsSecrets ? here : best ?? here) } catch let moving as RoomHomeMoving {
                throw ServiceError(status: 503, code: "room_moving", message: "\(moving): ask again in a few seconds", retryAfter: 2)
            } catch { throw JobLedger.internalError(error) }
            guard let home, home.node != here else { return nil }
            guard fitting.contains(where: { $0.id == home.node }) else {
                throw ServiceError(status: 503, code: "at_capacity",
                                   message: "room \(spec.room) lives on node \(home.node), which has no capacity for another recording", retryAfter: 30)
            }
            return home.node
        case .whep, .janus:
            guard !keepsSecrets, let best, best != here else { return nil }
            return best
        }
    }

    /// Stores the recording with `node` as its owner and waits (bounded)
    /// until that node has started it, so the answer says how it went.
    func place(_ spec: RecordingSpec, on node: String) async throws(ServiceError) -> JobDocument {
        let id = JobIDs.make()
        var job = Job(id: id, kind: .recording, room: spec.room, settings: JobLedger.json(spec.request.withoutSecrets), createdAt: JobLedger.now())
        job.owner = node
        job.result = JobLedger.json(await initialResult(for: job))
        try await ledger.insert(job)
        logger.info("recording placed on another node", metadata: ["job": .string(id), "node": .string(node), "room": .string(spec.room)])
        let deadline = Date().addingTimeInterval(30)
        var pause: UInt64 = 10_000_000
        while Date() < deadline {
            if let stored = try await ledger.job(id), stored.state != .queued, stored.state != .starting { break }
            try? await Task.sleep(nanoseconds: pause)
            pause = Swift.min(pause * 2, 200_000_000)
        }
        return try await document(id: id)
    }
}
