import APIModel
import Foundation

/// Several machines on one store: work no node holds is pulled by nodes
/// with room for it (woken by the store's notifications, with a slow poll
/// as a safety net), and carried out by the same steps as crash recovery.
extension JobService {
    /// Takes queued or orphaned jobs while this node has capacity for one
    /// more render, and starts each. Safe to call at any time, from any
    /// wake-up: a claim is atomic in the store, and a claim that finds
    /// nothing ends the pull.
    public func pullWork() async {
        guard let cluster = configuration.cluster else { return }
        while !cluster.isFenced {
            guard let reservation = admission.reserveIfFree(cost: JobCost.render) else { return }
            let claimed: [Job]
            do { claimed = try await cluster.claim(limit: 1) } catch {
                logger.warning("cannot claim work from the shared queue", metadata: ["error": .string("\(error)")])
                return
            }
            guard let job = claimed.first else { return }
            if job.state != .queued {
                logger.warning("taking over a job whose node was lost", metadata: ["job": .string(job.id), "state": .string(job.state.rawValue)])
                ledger.webhooks.notify(job, event: "taken_over")
            }
            for step in Recovery.plan([job], resumable: true) { await carryOut(step, reservation: reservation) }
        }
    }

    /// Whether a new render goes to the shared queue (any node may take it)
    /// rather than running here: in a cluster, when its dump is in the bucket.
    func rendersAnywhere(_ source: RenderSpec.Source, result: JobResult) -> Bool {
        guard configuration.cluster != nil, case .recording = source else { return false }
        return result.uploads.contains { $0.name == JobFiles.dumpName && $0.state == .uploaded } || (result.dumpShipping?.parts ?? 0) > 0
    }

    /// `GET /v1/nodes`: the cluster's nodes, or this one alone.
    public func nodes() async throws(ServiceError) -> [NodeStatus] {
        guard let cluster = configuration.cluster else {
            return [NodeStatus(id: "local", url: "", state: .live, capacity: admission.settings.capacity, load: admission.load,
                               leaseAgeSeconds: 0, epoch: 0, jobs: runs.count + renders.count)]
        }
        do { return try await cluster.nodes() } catch { throw JobLedger.internalError(error) }
    }
}
