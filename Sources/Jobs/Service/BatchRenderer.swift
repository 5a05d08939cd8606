import APIModel
import Foundation
import Logging
import Render
import Telemetry

/// Renders a job's dump to its output file in batch: a render job, a
/// recording recovered after a crash, or one whose live composite broke.
/// Each attempt is counted in the job's result before it starts, so a
/// render that takes the process down is known at the next start.
struct BatchRenderer: Sendable {
    struct Settings: Sendable {
        var dataDirectory: String
        var latencyMicros: Int64
        var maximumRenderMicros: Int64
        var diskFloorBytes: Int64
        var freeBytes: @Sendable (String) -> Int64?
    }

    let settings: Settings
    let ledger: JobLedger
    let files: FileStore
    let metrics: ServiceMetrics

    /// What to make: the output and layout, and the span of session seconds (all of it when nil).
    struct Plan: Sendable {
        var output: OutputSpec
        var layout: String
        /// The output as HLS too.
        var hls: HLSSpec?
        /// Its pictures as JPEGs every so often.
        var thumbnails: ThumbnailsSpec?
        /// Each track to a file of its own too, copied from the dump.
        var tracks = false
        var from: Double?
        var to: Double?
        /// Where the dump is read from when not at its place in the data directory (fetched from the bucket).
        var dumpPath: String?
    }

    func render(_ id: String, _ plan: Plan) async throws {
        await ledger.changeResult(id) { result in result.renderAttempts += 1 }
        guard let job = try await ledger.job(id), let dump = JobLedger.result(of: job).dump else { throw ServiceError.notFound("no dump for \(id)") }
        let key = JobFiles.Key(kind: job.kind, id: id)
        let directory = files.workingDirectory(of: key)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var render = try RenderSettings.forOutput(plan.output, layout: plan.layout, poster: directory + "/" + JobFiles.posterName,
                                                  latencyMicros: settings.latencyMicros, hls: plan.hls, thumbnails: plan.thumbnails,
                                                  directory: directory, kind: job.kind)
        render.from = plan.from
        render.to = plan.to
        render.maximumDurationMicros = settings.maximumRenderMicros
        render.hls?.writeEmptyPlaylist()
        let outputPath = directory + "/" + JobFiles.outputName(job.kind, fileExtension: plan.output.fileExtension)
        let dumpPath = plan.dumpPath ?? settings.dataDirectory + "/" + dump
        let frozen = render, limits = settings
        let summary = try await onThread("tessera-render") {
            var renderer = Renderer(settings: frozen)
            // A render stops at the disk floor, so live recordings keep their room on the disk.
            renderer.shouldStop = {
                guard let free = limits.freeBytes(limits.dataDirectory), free < limits.diskFloorBytes else { return nil }
                return "free disk space fell below the floor (\(free) bytes free)"
            }
            return try renderer.render(dump: dumpPath, to: outputPath)
        }
        await record(id, summary: summary, live: false)
        if plan.tracks { await exportTracks(id, dump: dumpPath, directory: directory) }
    }

    /// Each track of the dump to a file of its own beside the job's other
    /// files (`track-PARTICIPANT-ID-KIND.webm`, H.264 in `.mp4`), on the
    /// session's timeline. A failure (a codec that cannot be copied) costs
    /// the tracks only: it is logged and told to the webhook as `output_failed`.
    func exportTracks(_ id: String, dump: String, directory: String) async {
        var logger = Logger(label: "tessera")
        logger[metadataKey: "job"] = .string(id)
        do {
            let results = try await onThread("tessera-tracks") { try TrackExporter(filePrefix: JobFiles.trackPrefix).export(dump: dump, to: directory) }
            logger.info("tracks exported", metadata: ["files": .stringConvertible(results.count)])
        } catch {
            logger.warning("exporting the tracks failed; the other outputs stand", metadata: ["error": .string("\(error)")])
            if let job = try? await ledger.job(id) { ledger.webhooks.notify(job, event: "output_failed") }
        }
    }

    /// Counts a finished render (batch or live) in the metrics and the job's result.
    func record(_ id: String, summary: RenderSummary, live: Bool) async {
        let dropped = summary.tracks.reduce(0) { $0 + $1.framesDroppedByReason.values.reduce(0, +) }
        metrics.framesDropped.increment(by: Int64(dropped))
        let oversize = summary.tracks.reduce(0) { $0 + $1.framesRefusedOversize }
        if oversize > 0 { Limit.decoderPixels.count(oversize) }
        if summary.truncatedByDurationLimit { Limit.renderDuration.count() }
        if !live { metrics.renderSpeed.set(summary.speed) }
        metrics.liveFramesSkipped.increment(by: Int64(summary.framesSkippedBehind))
        await ledger.changeResult(id) { result in
            result.durationSeconds = summary.durationSeconds
            result.framesWritten = summary.framesWritten
            if summary.framesSkippedBehind > 0 { result.framesSkippedBehind = summary.framesSkippedBehind }
            if !live { result.renderSpeed = summary.speed }
        }
    }

    /// Lists what the job made in its result, with the time it completed.
    func refreshFiles(_ key: JobFiles.Key) async {
        let found = files.files(of: key)
        await ledger.changeResult(key.id) { result in
            result.files = found
            result.completedAt = JobLedger.now()
        }
    }
}

extension BatchRenderer.Plan {
    /// A recording's outputs, the whole session: its composite rendered in batch from the dump.
    init(recording spec: RecordingSpec) {
        self.init(output: spec.output, layout: spec.layout, hls: spec.hls, thumbnails: spec.thumbnails, tracks: spec.tracks)
    }
}
