import APIModel
import Foundation

/// Starting up (taking over what an earlier run left unfinished) and shutting down.
extension JobService {
    /// After a restart: the unfinished jobs of the server that was, carried
    /// out as `Recovery` plans them. Recordings that were running are
    /// rendered from their dumps and completed; queued jobs run; renders start over.
    public func recover() async {
        let jobs: [Job]
        do { jobs = try await ledger.store.unfinished() } catch {
            logger.error("cannot read unfinished jobs", metadata: ["error": .string("\(error)")])
            return
        }
        for step in Recovery.plan(jobs) { await carryOut(step, reservation: nil) }
        await uploads?.resume()
    }

    /// One step of taking over unfinished work, holding `reservation` (work
    /// taken from a shared queue reserved it) or readmitted at its own cost.
    func carryOut(_ step: Recovery.Step, reservation: Reservation?) async {
        switch step {
        case let .giveUp(id, attempts):
            logger.error("job found unfinished after its renders crashed the process \(attempts) times: not run again", metadata: ["job": .string(id)])
            await ledger.transition(id, to: .failed, reason: "crashed_during_processing",
                                    message: "rendering this job stopped the server \(attempts) times; the dump is kept")
        case let .start(job, spec):
            // A claim reserved a render's share; a recording holds its own cost.
            reservation?.release()
            await start(job, spec: spec, reservation: admission.readmit(cost: spec.liveComposite ? JobCost.liveComposite : JobCost.dumpOnly))
        case let .resume(job, spec):
            await resume(job, spec: spec, reservation: reservation)
        case let .abort(id):
            await ledger.transition(id, to: .aborted, reason: "the server stopped while the recording was starting")
        case let .complete(job, spec, markInterrupted):
            logger.warning("recording found unfinished after a restart: rendering its dump", metadata: ["job": .string(job.id), "state": .string(job.state.rawValue)])
            if markInterrupted { await ledger.transition(job.id, to: .interrupted, reason: "the server stopped during the recording") }
            completeInterrupted(job.id, spec, reservation ?? admission.readmit(cost: JobCost.render))
        case let .rerender(job, spec, markInterrupted):
            if markInterrupted { await ledger.transition(job.id, to: .interrupted, reason: "the server stopped during the render") }
            runRender(job.id, spec, reservation ?? admission.readmit(cost: JobCost.render))
        case let .skip(id):
            logger.error("unfinished job's stored request cannot be read: left as it is", metadata: ["job": .string(id)])
        }
    }

    /// A recording cut off by a restart: its dump is rendered (when it had a
    /// live composite) and it completes.
    private func completeInterrupted(_ id: String, _ spec: RecordingSpec?, _ reservation: Reservation) {
        renders[id] = reservation
        let ledger = ledger, renderer = renderer
        background.run {
            // Taken over from a lost node: its dump is not here, but what it shipped to the bucket is.
            if let job = try? await ledger.job(id), let dump = JobLedger.result(of: job).dump {
                let local = self.configuration.dataDirectory + "/" + dump
                do { _ = try await self.localDump(dump, scratch: local) } catch {
                    self.logger.warning("the recording's dump is neither here nor in the bucket", metadata: ["job": .string(id), "error": .string("\(error)")])
                }
            }
            await Self.complete(id, spec, ledger: ledger, renderer: renderer)
            await self.renderEnded(id)
        }
    }

    private static func complete(_ id: String, _ spec: RecordingSpec?, ledger: JobLedger, renderer: BatchRenderer) async {
        guard let spec else {
            await ledger.transition(id, to: .failed, reason: "bad_settings", message: "the job's stored request cannot be read")
            return
        }
        await ledger.transition(id, to: .processing, reason: nil)
        await ledger.changeResult(id) { result in
            if result.stoppedAt == nil { result.stoppedAt = JobLedger.now() }
        }
        do {
            if spec.liveComposite { try await renderer.render(id, .init(recording: spec)) }
            await renderer.refreshFiles(JobFiles.Key(kind: .recording, id: id))
            await ledger.transition(id, to: .completed, reason: "rendered from the dump after a restart")
        } catch {
            await renderer.refreshFiles(JobFiles.Key(kind: .recording, id: id))
            await ledger.transition(id, to: .failed, reason: "render_failed", message: "rendering the dump after a restart failed: \(error); the dump is kept")
        }
    }

    /// Stops taking jobs and ends every running recording, waiting at most
    /// `graceSeconds`; what is not done by then is finished after the next start.
    public func shutdown(graceSeconds: Double) async {
        admission.stopAccepting()
        let ids = Array(runs.keys)
        logger.info("shutting down", metadata: ["recordings": .stringConvertible(ids.count)])
        for id in ids { finishInBackground(id, .stopped("server shutdown")) }
        let deadline = Date().addingTimeInterval(graceSeconds)
        while (!runs.isEmpty || !renders.isEmpty) && Date() < deadline {
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        background.cancelAll()
        await uploads?.cancelAll()
    }
}
