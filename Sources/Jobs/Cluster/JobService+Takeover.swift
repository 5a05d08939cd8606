import APIModel
import Foundation

/// A recording whose node was lost, taken up by this node: what the lost
/// node shipped to the bucket is the first turn, this node joins the source
/// again and records the next, and at the stop the turns are joined into
/// one dump and rendered, the time between them a gap. Where the source
/// cannot be joined again, the recording completes with what was shipped.
extension JobService {
    func resume(_ job: Job, spec: RecordingSpec, reservation claimed: Reservation?) async {
        let id = job.id
        var logger = self.logger
        logger[metadataKey: "job"] = .string(id)
        let directory = files.workingDirectory(of: JobFiles.Key(kind: .recording, id: id))
        let turns = JobLedger.result(of: job).segments.count
        let earlier = directory + "/segment-\(Swift.max(1, turns)).rtpd"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let fetched = try await localDump(JobFiles.dump(ofRecording: id), scratch: earlier)
            if fetched != earlier { try FileManager.default.moveItem(atPath: fetched, toPath: earlier) }
        } catch {
            logger.warning("the lost node's turn is not in the bucket: the recording is completed from what is here", metadata: ["error": .string("\(error)")])
            return await carryOut(.complete(job, spec, markInterrupted: true), reservation: claimed)
        }
        claimed?.release()
        let reservation = admission.readmit(cost: spec.liveComposite ? JobCost.liveComposite : JobCost.dumpOnly)
        // Publishers posting again, and anything else of the room, come here now.
        if let cluster = configuration.cluster { _ = try? await cluster.home(of: spec.room, candidate: cluster.nodeID) }
        do {
            let source = try sources.make(for: spec, jobID: id) { [weak self] reason in await self?.finishInBackground(id, .stopped(reason)) }
            let context = RecordingRun.Context(rooms: rooms, ledger: ledger, renderer: renderer, files: files, metrics: metrics, logger: logger,
                                               monitorIntervalSeconds: configuration.monitorIntervalSeconds, uploads: uploads)
            let run = RecordingRun(id: id, spec: spec, source: source, reservation: reservation, context: context, priorSegments: [earlier])
            try await run.start()
            runs[id] = run
            // The lost node is the one that made the last change before the claim.
            let previous = (try? await ledger.store.history(id: id))?.last(where: { $0.node != nil })?.node
            let node = configuration.cluster?.nodeID, at = JobLedger.now()
            await ledger.changeResult(id) { result in
                if result.segments.isEmpty { result.segments.append(.init(node: previous, startedAt: result.startedAt ?? job.createdAt)) }
                result.segments.append(.init(node: node, startedAt: at))
            }
            logger.info("recording continued on this node after its node was lost", metadata: ["source": .string(spec.source.type)])
            monitors[id] = run.monitor { [weak self] ending in await self?.finishInBackground(id, ending) }
        } catch {
            reservation.release()
            logger.warning("the source cannot be joined again: the recording is completed with the lost node's turn", metadata: ["error": .string("\(error)")])
            try? FileManager.default.moveItem(atPath: earlier, toPath: directory + "/" + JobFiles.dumpName)
            await carryOut(.complete(job, spec, markInterrupted: true), reservation: nil)
        }
    }

    /// This node's lease lapsed: the recordings it runs are no longer its
    /// own (another node takes each over), so it stops them without writing.
    public func abandonRecordings() async {
        guard !runs.isEmpty else { return }
        logger.error("the lease lapsed: letting go of the recordings this node runs", metadata: ["jobs": .string(runs.keys.sorted().joined(separator: ","))])
        for (id, run) in runs where finishers[id] == nil {
            monitors.removeValue(forKey: id)?.cancel()
            await run.abandon(reason: "this node lost its lease")
            runs[id] = nil
            autoRecord.finished(job: id, room: run.spec.room)
        }
    }
}
