import APIModel
import Dump
import Foundation
import Logging
import Render
import Rooms

/// One running recording: its source, its recorder and dump, its live
/// render, and its monitor (the job's limits, the disk floor, write
/// failures). It holds its capacity reservation until it has ended.
actor RecordingRun {
    struct Context: Sendable {
        let rooms: any RecordingRooms
        let ledger: JobLedger
        let renderer: BatchRenderer
        let files: FileStore
        let metrics: ServiceMetrics
        let logger: Logger
        let monitorIntervalSeconds: Double
        /// With object storage: the live dump is shipped to the bucket in parts.
        var uploads: UploadQueue?
    }

    let id: String
    let spec: RecordingSpec
    let source: any RecordingSource
    private let reservation: Reservation
    private let context: Context
    private let logger: Logger
    private var recorder: RoomRecorder?
    private var live: LiveRender?
    /// The live composite's stream destinations (mp4 live composites: they can be added while it runs).
    private var streams: RecordingStreams?
    /// Whether the live composite made the file (else a batch render did, with the tracks when asked for).
    private var liveFinished = false
    private var shipper: DumpShipper?
    private(set) var startedAt = Date()
    /// Set once `end` begins: the run ends once, however many reasons arrive.
    private(set) var isEnding = false

    /// Dumps of the recording's earlier turns (another node's, lost): this
    /// run records the next turn, and at the end the turns are joined into
    /// one dump and rendered from it.
    private let priorSegments: [String]
    /// Which turn this run records: 1, or the next after the turns of lost nodes.
    private let turn: Int

    init(id: String, spec: RecordingSpec, source: any RecordingSource, reservation: Reservation, context: Context,
         priorSegments: [String] = [], turn: Int = 1) {
        self.id = id
        self.priorSegments = priorSegments
        self.turn = turn
        self.spec = spec
        self.source = source
        self.reservation = reservation
        self.context = context
        var logger = context.logger
        logger[metadataKey: "job"] = .string(id)
        self.logger = logger
    }

    private var key: JobFiles.Key { JobFiles.Key(kind: .recording, id: id) }

    /// Opens the dump, starts the live render and the source. Throws (having
    /// undone what it did) when any of them cannot start.
    func start() async throws {
        let directory = context.files.workingDirectory(of: key)
        let dumpPath = directory + "/" + JobFiles.dumpName
        let recorder = try await context.rooms.startRecording(room: spec.room, dumpPath: dumpPath, sessionID: id)
        self.recorder = recorder
        // A continued recording is composited once, from all its turns, at the end.
        if spec.liveComposite && priorSegments.isEmpty {
            var settings = try RenderSettings.forOutput(spec.output, layout: spec.layout, poster: directory + "/" + JobFiles.posterName,
                                                        latencyMicros: context.renderer.settings.latencyMicros, hls: spec.hls,
                                                        thumbnails: spec.thumbnails, directory: directory)
            if spec.output.container == .mp4 {
                // A stored request's URLs have their keys hidden: only the caller's own request streams.
                let streams = RecordingStreams(id: id, urls: spec.streams.filter { !StreamURL.isRedacted($0) }, ledger: context.ledger,
                                               metrics: context.metrics, logger: logger)
                settings.streams = streams.streams
                self.streams = streams
            }
            let live = LiveRender(dump: dumpPath, output: directory + "/" + JobFiles.outputName(.recording, fileExtension: spec.output.fileExtension),
                                  settings: settings)
            settings.hls?.writeEmptyPlaylist()
            live.start()
            self.live = live
        }
        startedAt = Date()
        let id = self.id
        await context.ledger.changeResult(id) { result in
            result.dump = JobFiles.dump(ofRecording: id)
            if result.startedAt == nil { result.startedAt = JobLedger.now() }
        }
        // A continued turn ships under a folder of its own, so a node taking it over next has every turn.
        if let uploads = context.uploads, let job = try? await context.ledger.job(id) {
            let shipper = DumpShipper(client: uploads.uploader.client, location: await uploads.location(of: job), recordingID: id, turn: turn,
                                      path: dumpPath, ledger: context.ledger, metrics: context.metrics, logger: logger)
            await shipper.start(intervalSeconds: uploads.settings.dumpShipIntervalSeconds)
            self.shipper = shipper
        }
        do { try await source.start() } catch {
            await shipper?.stop()
            try? await context.rooms.stopRecording(recorder, reason: spec.source.startFailure)
            if let live { _ = try? await onThread("tessera-finish") { try live.finish() } }
            await streams?.settle()
            self.recorder = nil
            throw error
        }
    }

    /// Watches the run every `monitorIntervalSeconds` and hands what ends it to `ended`.
    nonisolated func monitor(_ ended: @escaping @Sendable (RunEnding) async -> Void) -> Task<Void, Never> {
        let interval = UInt64(context.monitorIntervalSeconds * 1_000_000_000)
        return Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: interval)
                guard let self, !Task.isCancelled else { return }
                if let ending = await self.dueEnding() { await ended(ending) }
            }
        }
    }

    /// What ends the run now, if anything: a write failure, the disk floor, a limit of the job's.
    func dueEnding() async -> RunEnding? {
        guard let recorder, !isEnding else { return nil }
        let statistics = await context.rooms.statistics(of: recorder)
        let floor = context.renderer.settings
        if let failure = statistics.writeFailure {
            return .failed(reason: "dump_write_failed", message: "writing the dump failed: \(failure)")
        } else if let free = floor.freeBytes(floor.dataDirectory), free < floor.diskFloorBytes {
            return .failed(reason: "disk_full", message: "free disk space fell below the floor (\(free) bytes free); the dump and the file up to here are kept")
        } else if let maximum = spec.limits?.maxDurationSeconds, Date().timeIntervalSince(startedAt) >= maximum {
            return .limit("maxDurationSeconds \(maximum) reached")
        } else if let maximum = spec.limits?.maxBytes, statistics.bytesWritten >= maximum {
            return .limit("maxBytes \(maximum) reached")
        }
        return nil
    }

    /// The recording so far, for its document while it runs.
    func figures() async -> (statistics: RoomRecorder.Statistics, progress: Double?)? {
        guard let recorder else { return nil }
        return (await context.rooms.statistics(of: recorder), live?.progressSeconds)
    }

    /// A new layout for the rest of the live composite; false when it keeps the dump only.
    func changeLayout(_ layout: Layout) -> Bool {
        guard let live else { return false }
        live.changeLayout(layout)
        return true
    }

    /// Adds and removes live stream destinations; refused when the recording has no live mp4 composite.
    func changeStreams(add: [String], remove: [String]) throws(ServiceError) {
        guard let streams else { throw .conflict("recording \(id) has no live composite in mp4 to stream from") }
        try streams.change(add: add, remove: remove, recording: id)
    }

    /// Lets go of a recording this node no longer owns (its lease lapsed):
    /// the source and the recorder stop and the dump is closed, but the job
    /// is not written to — whoever takes it over does that.
    func abandon(reason: String) async {
        guard !isEnding, let recorder else { return }
        isEnding = true
        defer { reservation.release() }
        await source.stop(reason: reason)
        await shipper?.stop()
        try? await context.rooms.stopRecording(recorder, reason: reason)
        if let live { _ = try? await onThread("tessera-finish") { try live.finish() } }
        await streams?.settle()
        logger.warning("recording let go: this node no longer owns it", metadata: ["reason": .string(reason)])
    }

    /// Stops the source and the recorder, finishes the file and moves the job to its final state.
    func end(_ ending: RunEnding) async {
        guard !isEnding, let recorder else { return }
        isEnding = true
        defer { reservation.release() }
        let ledger = context.ledger, reason = ending.text
        if !ending.isFailure { await ledger.transition(id, to: .stopping, reason: reason) }
        await source.stop(reason: reason)
        await shipper?.stop()
        let statistics = await context.rooms.statistics(of: recorder)
        do { try await context.rooms.stopRecording(recorder, reason: reason) } catch {
            logger.error("closing the dump failed", metadata: ["error": .string("\(error)")])
        }
        context.metrics.packetsRecorded.increment(by: Int64(statistics.mediaPackets))
        context.metrics.bytesRecorded.increment(by: statistics.bytesWritten)
        let stoppedAt = JobLedger.now()
        await ledger.changeResult(id) { result in
            result.stoppedAt = stoppedAt
            result.record(statistics)
        }
        var hadMedia = statistics.mediaPackets > 0
        if !priorSegments.isEmpty, let joinedMedia = await joinSegments() { hadMedia = joinedMedia }
        var renderFailure: String?
        if !hadMedia {
            if let live { _ = try? await onThread("tessera-finish") { try live.finish() } }
        } else {
            if !ending.isFailure { await ledger.transition(id, to: .processing, reason: nil) }
            renderFailure = priorSegments.isEmpty ? await finishFile() : await renderJoined()
            // A batch render exports the tracks itself; the live composite and a dump-only recording leave it to here.
            if spec.tracks && (!spec.liveComposite || (priorSegments.isEmpty && liveFinished)) {
                await context.renderer.exportTracks(id, dump: context.files.workingDirectory(of: key) + "/" + JobFiles.dumpName,
                                                    directory: context.files.workingDirectory(of: key))
            }
            await context.renderer.refreshFiles(key)
        }
        await streams?.settle()
        let outcome = JobOutcome.of(ending, hadMedia: hadMedia, renderFailure: renderFailure)
        await ledger.transition(id, to: outcome.state, reason: outcome.reason, message: outcome.message)
        logger.info(hadMedia ? "recording finished" : "recording ended without media", metadata: ["packets": .stringConvertible(statistics.mediaPackets)])
    }

    /// The turns joined into the recording's dump (this turn's dump moved
    /// aside first). Returns whether the whole holds media, or nil when the
    /// join failed (this turn's dump is then the recording's, and the earlier
    /// turns stay beside it).
    private func joinSegments() async -> Bool? {
        let dump = context.files.workingDirectory(of: key) + "/" + JobFiles.dumpName
        let current = context.files.workingDirectory(of: key) + "/segment-\(turn).rtpd"
        let segments = priorSegments + [current]
        do {
            try FileManager.default.moveItem(atPath: dump, toPath: current)
            let summary = try await onThread("tessera-join") { try DumpSegments.join(segments, into: dump) }
            for segment in segments { try? FileManager.default.removeItem(atPath: segment) }
            let seconds = try? await onThread("dump-span") { try DumpMediaSpan.seconds(path: dump) }
            let gap = summary.gapsMicros.last.map { Double($0) / 1_000_000 }
            await context.ledger.changeResult(id) { result in
                if let seconds { result.durationSeconds = seconds }
                if let gap, !result.segments.isEmpty { result.segments[result.segments.count - 1].gapSeconds = gap }
            }
            logger.info("turns of the recording joined", metadata: ["segments": .stringConvertible(summary.segments),
                                                                    "gaps_s": .string(summary.gapsMicros.map { String(Double($0) / 1e6) }.joined(separator: ","))])
            return seconds != nil
        } catch {
            logger.error("joining the recording's turns failed: its last turn is rendered alone, the others are kept", metadata: ["error": .string("\(error)")])
            if !FileManager.default.fileExists(atPath: dump) { try? FileManager.default.moveItem(atPath: current, toPath: dump) }
            return nil
        }
    }

    /// Renders the joined dump in batch; returns why no file could be made.
    private func renderJoined() async -> String? {
        guard spec.liveComposite else { return nil }
        do { try await context.renderer.render(id, .init(recording: spec)) } catch { return "\(error)" }
        return nil
    }

    /// Finishes the live composite; if it broke, the dump is whole, so it is rendered again in batch. Returns why no file could be made.
    private func finishFile() async -> String? {
        guard let live else { return nil }
        do {
            let summary = try await onThread("tessera-finish") { try live.finish() }
            await context.renderer.record(id, summary: summary, live: true)
            liveFinished = true
            return nil
        } catch {
            logger.warning("live composite failed; rendering the dump", metadata: ["error": .string("\(error)")])
            do { try await context.renderer.render(id, .init(recording: spec)) } catch { return "\(error)" }
            return nil
        }
    }
}

extension JobResult {
    /// Takes in what the recorder saw: bytes, participants and tracks.
    mutating func record(_ statistics: RoomRecorder.Statistics) {
        bytesReceived = statistics.bytesWritten
        participants = statistics.participants.sorted { $0.key < $1.key }.map { Participant(id: $0.key, name: $0.value.isEmpty ? nil : $0.value) }
        tracks = statistics.tracks.map {
            Track(id: Int($0.id), participantId: $0.participantID, kind: $0.kind, codec: $0.codec, packets: $0.packets, bytes: $0.bytes, ended: $0.ended)
        }
        if let seconds = Self.mediaSeconds(statistics) { durationSeconds = seconds }
    }

    /// The media length the dump holds so far: first to latest packet (0 before any).
    static func mediaSeconds(_ statistics: RoomRecorder.Statistics) -> Double? {
        guard let first = statistics.firstMediaMicros, let last = statistics.lastMediaMicros else { return nil }
        return Double(max(0, last &- first)) / 1_000_000
    }
}
