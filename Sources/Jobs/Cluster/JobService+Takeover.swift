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
        // The earlier turns are the first segment: the first node's, and those of nodes that took it over before.
        let earlier: (segment: String, turn: Int)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            earlier = try await earlierTurns(of: job, into: directory)
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
            let run = RecordingRun(id: id, spec: spec, source: source, reservation: reservation, context: context, priorSegments: [earlier.segment],
                                   turn: earlier.turn)
            try await run.start()
            runs[id] = run
            // The lost node is the last other node that changed the job (the claim's own entry names this one).
            let node = configuration.cluster?.nodeID, at = JobLedger.now()
            let previous = (try? await ledger.store.history(id: id))?.last(where: { $0.node != nil && $0.node != node })?.node
            await ledger.changeResult(id) { result in
                if result.segments.isEmpty { result.segments.append(.init(node: previous, startedAt: result.startedAt ?? job.createdAt)) }
                result.segments.append(.init(node: node, startedAt: at))
            }
            logger.info("recording continued on this node after its node was lost", metadata: ["source": .string(spec.source.type)])
            monitors[id] = run.monitor { [weak self] ending in await self?.finishInBackground(id, ending) }
        } catch {
            reservation.release()
            logger.warning("the source cannot be joined again: the recording is completed with the lost node's turn", metadata: ["error": .string("\(error)")])
            try? FileManager.default.moveItem(atPath: earlier.segment, toPath: directory + "/" + JobFiles.dumpName)
            await carryOut(.complete(job, spec, markInterrupted: true), reservation: nil)
        }
    }

    /// What the turns before this one recorded, as one dump (`segment-1.rtpd`;
    /// from the bucket, every turn's parts joined, or from this disk), and
    /// the number of the turn this node records: one past the last turn
    /// that shipped or is on the job, so no turn ships over another's parts.
    private func earlierTurns(of job: Job, into directory: String) async throws -> (segment: String, turn: Int) {
        let segment = directory + "/segment-1.rtpd"
        let fetched = try await localDump(JobFiles.dump(ofRecording: job.id), scratch: segment)
        if fetched != segment { try FileManager.default.moveItem(atPath: fetched, toPath: segment) }
        var last = Swift.max(1, JobLedger.result(of: job).segments.count)
        if let uploads {
            let location = await uploads.location(of: job), folder = location.key(ObjectKeys.dumpFolder(job.id))
            let keys = (try? await uploads.uploader.client.listObjects(bucket: location.bucket, prefix: folder)) ?? []
            last = keys.compactMap { StoredDumpFetch.turnPart($0.key, in: folder) }.reduce(last, Swift.max)
        }
        return (segment, last + 1)
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
