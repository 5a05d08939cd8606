import APIModel
import Foundation
import Logging
import Render

/// A recording's live streams as the job shows them: the destinations'
/// status changes, heard on their own threads, are taken in order by one
/// task and written to the job's result; a destination that fails (after
/// it was live, or on its first attempt) is logged and told to the webhook
/// as `output_failed`, once per outage.
final class RecordingStreams: Sendable {
    let streams: LiveStreams
    private let changes: AsyncStream<StreamStatus>.Continuation
    private let reporter: Task<Void, Never>

    init(id: String, urls: [String], ledger: JobLedger, metrics: ServiceMetrics, logger: Logger) {
        let (stream, continuation) = AsyncStream<StreamStatus>.makeStream()
        changes = continuation
        streams = LiveStreams(urls: urls) { status in continuation.yield(status) }
        reporter = Task {
            var reports: [(url: String, status: StreamStatus)] = []
            for await status in stream {
                let previous = reports.first { $0.url == status.url }?.status
                if let index = reports.firstIndex(where: { $0.url == status.url }) { reports[index].status = status } else { reports.append((status.url, status)) }
                let shown = reports.map { JobResult.Stream(status: $0.status) }
                await ledger.changeResult(id) { result in result.streams = shown }
                let url = StreamURL.redacted(status.url)
                if status.state == .live, previous?.state != .live { metrics.streamConnections.increment() }
                if status.state == .retrying, previous?.state != .retrying { metrics.streamFailures.increment() }
                switch status.state {
                case .live where previous?.state != .live:
                    logger.info("streaming", metadata: ["job": .string(id), "url": .string(url), "reconnects": .stringConvertible(status.reconnects)])
                case .retrying where previous?.state != .retrying && !(previous?.state == .connecting && previous?.reconnects ?? 0 > 0):
                    logger.warning("stream destination failed; retrying", metadata: ["job": .string(id), "url": .string(url), "error": .string(status.error ?? "")])
                    if let job = try? await ledger.job(id) { ledger.webhooks.notify(job, event: "output_failed") }
                case .stopped where previous?.state != .stopped:
                    logger.info("stream stopped", metadata: ["job": .string(id), "url": .string(url)])
                default: break
                }
            }
        }
    }

    /// Adds and removes destinations of the running recording. A removal
    /// names a destination as added or as the job shows it (key hidden).
    func change(add: [String], remove: [String], recording id: String) throws(ServiceError) {
        let current = streams.urls
        var removed: [String] = []
        for name in remove {
            let matches = current.filter { $0 == name || StreamURL.redacted($0) == name }
            guard let match = matches.first, matches.count == 1 || matches.contains(name) else {
                throw .conflict(matches.isEmpty ? "\(StreamURL.redacted(name)) is not a stream destination of recording \(id)"
                                                : "\(name) names several destinations: give the whole URL")
            }
            removed.append(matches.contains(name) ? name : match)
        }
        let after = Set(current).subtracting(removed).union(add)
        guard after.count <= StreamSpec.maximumDestinations else {
            throw .conflict("recording \(id) would stream to \(after.count) destinations: at most \(StreamSpec.maximumDestinations) at once")
        }
        for url in removed { streams.remove(url) }
        for url in add { streams.add(url) }
    }

    /// Waits until every change heard so far is in the job's result (once the render has ended its streams).
    func settle() async {
        streams.end()
        changes.finish()
        await reporter.value
    }
}

extension JobResult.Stream {
    init(status: StreamStatus) {
        self.init(url: StreamURL.redacted(status.url), state: status.state.rawValue, since: Int64(status.since.timeIntervalSince1970 * 1_000_000),
                  error: status.error, reconnects: status.reconnects)
    }
}
