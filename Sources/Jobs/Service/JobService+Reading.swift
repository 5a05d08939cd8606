import APIModel
import Foundation

/// Reading and deleting jobs.
extension JobService {
    public func document(id: String) async throws(ServiceError) -> JobDocument {
        guard let job = try await ledger.job(id) else { throw .notFound("no job \(id)") }
        var result = JobLedger.result(of: job)
        var progress: Double?
        if let run = runs[id], let figures = await run.figures() {
            result.record(figures.statistics)
            progress = figures.progress
        }
        if !result.uploads.isEmpty {
            for index in result.files.indices {
                result.files[index].location = result.uploads.first { $0.name == result.files[index].name && $0.state == .uploaded }?.location
            }
        }
        let history = try? await ledger.store.history(id: id)
        return JobDocument(job: job, result: result, history: history, progressSeconds: progress)
    }

    public func list(kind: JobKind, state: JobState?, room: String?, limit: Int, after cursor: String?) async throws(ServiceError) -> JobPage {
        var documents: [JobDocument] = []
        var cursor = cursor
        let wanted = Swift.max(1, Swift.min(limit, 200))
        // The store pages over both kinds; keep reading until this kind fills the page.
        while documents.count < wanted {
            let page: [Job]
            do { page = try await ledger.store.list(state: state, room: room, limit: wanted, before: cursor) } catch { throw JobLedger.internalError(error) }
            for job in page where job.kind == kind && documents.count < wanted {
                documents.append(try await document(id: job.id))
            }
            guard page.count == wanted, let last = page.last else { return JobPage(jobs: documents, next: nil) }
            cursor = last.id
            if documents.count == wanted { return JobPage(jobs: documents, next: documents.last?.id) }
        }
        return JobPage(jobs: documents, next: documents.last?.id)
    }

    /// The path of a finished file a job lists, or nil: names not in the
    /// job's own list (a `../` included) are never served.
    public func filePath(id: String, name: String) async throws(ServiceError) -> (path: String, file: JobResult.File) {
        guard let job = try await ledger.job(id) else { throw .notFound("no job \(id)") }
        let key = JobFiles.Key(kind: job.kind, id: id)
        if let file = JobLedger.result(of: job).files.first(where: { $0.name == name }) { return (files.path(of: name, in: key), file) }
        // A running job's HLS playlist and segments, before its files are listed at the end.
        let path = files.path(of: name, in: key)
        if !job.state.isFinal, JobFiles.isHLSFile(name, kind: job.kind),
           let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int {
            return (path, JobResult.File(name: name, size: Int64(size), contentType: JobFiles.contentType(name)))
        }
        throw .notFound("job \(id) has no file \(name)")
    }

    /// Stops the job if it runs, then deletes its files, dump and record.
    public func delete(id: String, kind: JobKind) async throws(ServiceError) {
        guard let job = try await ledger.job(id), job.kind == kind else { throw .notFound("no \(kind.rawValue) \(id)") }
        if runs[id] != nil { _ = try? await stopRecording(id: id) }
        if renders[id] != nil { throw .conflict("render \(id) is running; delete it when it has ended") }
        try await deleteObjects(of: job)
        files.removeAll(of: JobFiles.Key(kind: kind, id: id))
        do { _ = try await ledger.store.delete(id: id) } catch { throw JobLedger.internalError(error) }
        logger.info("job deleted", metadata: ["job": .string(id)])
    }
}
