import APIModel
import Dump
import Foundation
import Logging
import Render
import Rooms

/// The job queue's front: creates, stops, changes, lists and deletes
/// recordings and renders. The work is done by its parts: `Admission`
/// (capacity), `RecordingRun` (one recording), `BatchRenderer`, `Recovery`,
/// `AutoRecord`, `JobLedger` (the store, state changes and webhooks) and a
/// `FileStore`. The dump is the source of truth: no failure deletes it.
public actor JobService {
    public let configuration: Configuration
    public let metrics: ServiceMetrics
    let admission: Admission
    let ledger: JobLedger
    let files: FileStore
    let renderer: BatchRenderer
    let rooms: any RecordingRooms
    let logger: Logger
    let background = BackgroundTasks()
    var sources: any RecordingSourceMaking
    var runs: [String: RecordingRun] = [:]
    var starting: Set<String> = []
    var stopsRequested: Set<String> = []
    var finishers: [String: Task<JobDocument, Error>] = [:]
    var monitors: [String: Task<Void, Never>] = [:]
    /// Batch renders running, with their share of the capacity.
    var renders: [String: Reservation] = [:]
    var autoRecord = AutoRecord()
    /// Object storage, when configured: uploads of finished jobs.
    let uploads: UploadQueue?

    public init(configuration: Configuration, store: JobStore, rooms: RoomDirectory, metrics: ServiceMetrics, logger: Logger,
                files: FileStore? = nil) {
        self.init(configuration: configuration, store: store, rooms: rooms, sources: RecordingSources(rooms: rooms, signaling: nil, logger: logger),
                  metrics: metrics, logger: logger, files: files)
    }

    /// With any rooms and sources: tests give stand-ins that need no media server or far peer.
    init(configuration: Configuration, store: JobStore, rooms: any RecordingRooms, sources: any RecordingSourceMaking,
         metrics: ServiceMetrics, logger: Logger, files: FileStore? = nil) {
        self.configuration = configuration
        self.metrics = metrics
        self.rooms = rooms
        self.logger = logger
        admission = Admission(settings: .init(capacity: configuration.capacity, diskFloorBytes: configuration.diskFloorBytes,
                                              dataDirectory: configuration.dataDirectory, freeBytes: configuration.freeBytes)) {
            metrics.jobsRefused.increment()
        }
        let sender = WebhookSender(secret: configuration.webhookSecret, policy: configuration.webhookPolicy,
                                   denyInternalAddresses: configuration.webhookDenyInternal)
        ledger = JobLedger(store: store, logger: logger, webhooks: WebhookDelivery(
            sender: sender, defaultURL: configuration.webhookURL, store: store, metrics: metrics, logger: logger, background: background))
        let files = files ?? LocalFileStore(dataDirectory: configuration.dataDirectory)
        self.files = files
        renderer = BatchRenderer(settings: .init(dataDirectory: configuration.dataDirectory, latencyMicros: configuration.liveLatencyMicros,
                                                 maximumRenderMicros: configuration.maximumRenderMicros,
                                                 diskFloorBytes: configuration.diskFloorBytes, freeBytes: configuration.freeBytes),
                                 ledger: ledger, files: files, metrics: metrics)
        self.sources = sources
        let ledger = self.ledger
        let uploads = configuration.storage.map { UploadQueue(settings: $0, ledger: ledger, files: files, metrics: metrics, logger: logger) }
        self.uploads = uploads
        if let uploads { ledger.finals.observe { id in await uploads.enqueue(id) } }
    }

    /// The built-in rooms, for recordings whose source is a room.
    public func attach(signaling: SignalingHub) {
        guard let real = sources as? RecordingSources else { return }
        sources = RecordingSources(rooms: real.rooms, signaling: signaling, logger: logger)
    }

    public var currentLoad: Int { admission.load }
    public var isAccepting: Bool { admission.isAccepting }

    // MARK: - Recordings

    public func createRecording(_ request: RecordingRequest) async throws(ServiceError) -> JobDocument {
        let spec = try request.validated()
        try allowSource(spec.source)
        try allowStreams(spec.streams)
        if spec.liveComposite { _ = try RenderSettings.forOutput(spec.output, layout: spec.layout, poster: nil, latencyMicros: 0) }
        let cost = spec.liveComposite ? JobCost.liveComposite : JobCost.dumpOnly
        if let node = try await placement(of: spec, cost: cost) { return try await place(spec, on: node) }
        let reservation = try admission.reserve(cost: cost)
        let id = JobIDs.make()
        // The source's token and PIN are used from memory and never stored or shown.
        var job = Job(id: id, kind: .recording, room: spec.room, settings: JobLedger.json(spec.request.withoutSecrets), createdAt: JobLedger.now())
        job.owner = configuration.cluster?.nodeID
        job.result = JobLedger.json(await initialResult(for: job))
        try await ledger.insert(job)
        await start(job, spec: spec, reservation: reservation)
        return try await document(id: id)
    }

    func start(_ job: Job, spec: RecordingSpec, reservation: Reservation) async {
        let id = job.id
        var logger = self.logger
        logger[metadataKey: "job"] = .string(id)
        starting.insert(id)
        defer { starting.remove(id) }
        guard await ledger.transition(id, to: .starting, reason: nil) != nil else { return reservation.release() }
        do {
            let source = try sources.make(for: spec, jobID: id) { [weak self] reason in await self?.finishInBackground(id, .stopped(reason)) }
            let context = RecordingRun.Context(rooms: rooms, ledger: ledger, renderer: renderer, files: files, metrics: metrics, logger: logger,
                                               monitorIntervalSeconds: configuration.monitorIntervalSeconds, uploads: uploads)
            let run = RecordingRun(id: id, spec: spec, source: source, reservation: reservation, context: context)
            try await run.start()
            runs[id] = run
            await ledger.transition(id, to: .active, reason: nil)
            logger.info("recording started", metadata: ["room": .string(spec.room), "live": .stringConvertible(spec.liveComposite),
                                                        "source": .string(spec.source.type)])
            let monitor = run.monitor { [weak self] ending in await self?.finishInBackground(id, ending) }
            monitors[id] = monitor
            if stopsRequested.remove(id) != nil { finishInBackground(id, .stopped("stopped by request")) }
        } catch {
            reservation.release()
            logger.error("recording could not start", metadata: ["error": .string("\(error)")])
            await ledger.transition(id, to: .failed, reason: "start_failed", message: "the recording could not start: \(error)")
        }
    }

    func finishInBackground(_ id: String, _ ending: RunEnding) {
        guard finishers[id] == nil, runs[id] != nil else { return }
        finishers[id] = Task { try await self.finish(id, ending) }
    }

    /// `POST /v1/recordings/{id}/stop`: ends the recording; returns once its file is ready.
    public func stopRecording(id: String) async throws(ServiceError) -> JobDocument {
        guard let job = try await ledger.job(id), job.kind == .recording else { throw .notFound("no recording \(id)") }
        if starting.contains(id) {
            stopsRequested.insert(id)
            return try await document(id: id)
        }
        if job.state.isFinal { return try await document(id: id) }
        if runs[id] == nil, let forwarded = try await forwardIfElsewhere(.stop, job: job) { return forwarded }
        guard runs[id] != nil else { throw .conflict("recording \(id) is \(job.state.rawValue) and cannot be stopped now") }
        finishInBackground(id, .stopped("stopped by request"))
        guard let finisher = finishers[id] else { return try await document(id: id) }
        do { return try await finisher.value } catch let error as ServiceError { throw error } catch { throw JobLedger.internalError(error) }
    }

    private func finish(_ id: String, _ ending: RunEnding) async throws -> JobDocument {
        guard let run = runs[id] else { return try await document(id: id) }
        monitors.removeValue(forKey: id)?.cancel()
        await run.end(ending)
        runs[id] = nil
        finishers[id] = nil
        autoRecord.finished(job: id, room: run.spec.room)
        return try await document(id: id)
    }

    /// `PATCH /v1/recordings/{id}`: a new layout for the rest of a running recording.
    public func changeLayout(id: String, layout: String) async throws(ServiceError) -> JobDocument {
        try validateLayoutName(layout)
        guard let run = runs[id], await !run.isEnding else {
            guard let job = try await ledger.job(id) else { throw .notFound("no recording \(id)") }
            if runs[id] == nil, let forwarded = try await forwardIfElsewhere(.layout(layout), job: job) { return forwarded }
            throw .conflict("recording \(id) is not running")
        }
        let loaded: Layout
        do { loaded = try Layout.load(layout) } catch { throw .invalid("\(error)") }
        guard await run.changeLayout(loaded) else { throw .conflict("recording \(id) keeps the dump only; give the layout when rendering it") }
        // The stored request keeps the layout the recording started with; the changes are listed in the result.
        let at = JobLedger.now()
        await ledger.changeResult(id) { result in result.layoutChanges.append(JobResult.LayoutChange(layout: layout, at: at)) }
        logger.info("layout changed", metadata: ["job": .string(id), "layout": .string(layout)])
        return try await document(id: id)
    }

    /// `PATCH /v1/recordings/{id}`: the layout and the stream destinations, as asked.
    public func changeRecording(id: String, _ change: RecordingChangeRequest) async throws(ServiceError) -> JobDocument {
        try change.validate()
        try allowStreams(change.addStreams ?? [])
        var document: JobDocument?
        if let layout = change.layout { document = try await changeLayout(id: id, layout: layout) }
        if change.addStreams?.isEmpty == false || change.removeStreams?.isEmpty == false {
            document = try await changeStreams(id: id, add: change.addStreams ?? [], remove: change.removeStreams ?? [])
        }
        if let document { return document }
        return try await self.document(id: id)
    }

    /// Adds and removes live stream destinations of a running recording (on the node that runs it).
    func changeStreams(id: String, add: [String], remove: [String]) async throws(ServiceError) -> JobDocument {
        guard let run = runs[id], await !run.isEnding else {
            guard let job = try await ledger.job(id), job.kind == .recording else { throw .notFound("no recording \(id)") }
            if runs[id] == nil, let forwarded = try await forwardIfElsewhere(.streams(add: add, remove: remove), job: job) { return forwarded }
            throw .conflict("recording \(id) is not running")
        }
        try await run.changeStreams(add: add, remove: remove)
        logger.info("stream destinations changed", metadata: ["job": .string(id), "added": .stringConvertible(add.count),
                                                              "removed": .stringConvertible(remove.count)])
        return try await document(id: id)
    }

    // MARK: - Renders

    public func createRender(_ request: RenderRequest) async throws(ServiceError) -> JobDocument {
        let spec = try request.validated()
        _ = try RenderSettings.forOutput(spec.output, layout: spec.layout, poster: nil, latencyMicros: 0)
        let source = try await sourceDump(for: spec.source)
        try spec.validateSpan(sourceSeconds: try await mediaSeconds(spec, dump: configuration.dataDirectory + "/" + source.dump, known: source.seconds))
        // In a cluster a render whose dump is in the bucket waits in the shared queue for any node with room.
        let reservation = source.anywhere ? nil : try admission.reserve(cost: JobCost.render)
        let id = JobIDs.make()
        var job = Job(id: id, kind: .render, room: source.room, settings: JobLedger.json(spec.request), createdAt: JobLedger.now())
        if reservation != nil { job.owner = configuration.cluster?.nodeID }
        var result = await initialResult(for: job)
        result.dump = source.dump
        job.result = JobLedger.json(result)
        try await ledger.insert(job)
        if let reservation { runRender(id, spec, reservation) } else { await pullWork() }
        return try await document(id: id)
    }

    /// How much media the dump holds when a range starts past 0, so a range
    /// past the end is refused at request time: a recording's stored length
    /// (`known`), else the dump read through (an upload's).
    private func mediaSeconds(_ spec: RenderSpec, dump: String, known: Double?) async throws(ServiceError) -> Double? {
        guard let from = spec.from, from > 0 else { return nil }
        if let known { return known }
        let seconds: Double?
        do { seconds = try await onThread("dump-span") { try DumpMediaSpan.seconds(path: dump) } } catch {
            throw .invalid("the dump cannot be read: \(error)")
        }
        guard let seconds else { throw .conflict("the dump holds no media to render") }
        return seconds
    }

    /// The dump to render, its room, its media length when the job recorded
    /// it, and whether any node of a cluster can fetch it.
    private func sourceDump(for source: RenderSpec.Source) async throws(ServiceError) -> (dump: String, room: String?, seconds: Double?, anywhere: Bool) {
        switch source {
        case let .upload(uploadID):
            guard JobIDs.isSafe(uploadID), FileManager.default.fileExists(atPath: configuration.dataDirectory + "/uploads/\(uploadID).rtpd") else {
                throw .notFound("no upload \(uploadID)")
            }
            return ("uploads/\(uploadID).rtpd", nil, nil, false)
        case let .recording(recordingID):
            guard let recording = try await ledger.job(recordingID), recording.kind == .recording else { throw .notFound("no recording \(recordingID)") }
            guard recording.state.isFinal else { throw .conflict("recording \(recordingID) is \(recording.state.rawValue); render it when it has ended") }
            let result = JobLedger.result(of: recording)
            guard let dump = result.dump, dumpAvailable(dump, of: result) else {
                throw .conflict("recording \(recordingID) has no dump to render")
            }
            return (dump, recording.room, result.durationSeconds, rendersAnywhere(source, result: result))
        }
    }

    /// Runs a render job in the background, holding its reservation until it has ended.
    func runRender(_ id: String, _ spec: RenderSpec, _ reservation: Reservation) {
        renders[id] = reservation
        let ledger = ledger, renderer = renderer
        background.run {
            if let job = try? await ledger.job(id), job.state == .queued { await ledger.transition(id, to: .starting, reason: nil) }
            if let job = try? await ledger.job(id), job.state == .starting || job.state == .interrupted {
                await ledger.transition(id, to: .processing, reason: nil)
            }
            let scratch = renderer.files.workingDirectory(of: JobFiles.Key(kind: .render, id: id)) + "/source.rtpd.partial"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            do {
                var plan = BatchRenderer.Plan(output: spec.output, layout: spec.layout, hls: spec.hls, thumbnails: spec.thumbnails,
                                              tracks: spec.tracks, from: spec.from, to: spec.to)
                if let job = try? await ledger.job(id), let dump = JobLedger.result(of: job).dump { plan.dumpPath = try await self.localDump(dump, scratch: scratch) }
                try await renderer.render(id, plan)
                await renderer.refreshFiles(JobFiles.Key(kind: .render, id: id))
                await ledger.transition(id, to: .completed, reason: nil)
            } catch {
                await ledger.transition(id, to: .failed, reason: "render_failed", message: "\(error)")
            }
            await self.renderEnded(id)
        }
    }

    func renderEnded(_ id: String) { renders.removeValue(forKey: id)?.release() }

    // MARK: - Imports

    /// An upload being imported (a capture or Janus recordings parsed in
    /// memory) takes `JobCost.dumpImport` units of capacity while it runs,
    /// as a job would: refused like a job when the machine is full.
    public func reserveImport() throws(ServiceError) -> Reservation { try admission.reserve(cost: JobCost.dumpImport) }

    public func refreshMetrics() async {
        if let counts = try? await ledger.store.countsByState() { metrics.setJobCounts(counts) }
    }

    /// Stream destinations only to the hosts `--stream-hosts` lists, when it lists any.
    func allowStreams(_ urls: [String]) throws(ServiceError) {
        guard let allowed = configuration.streamHosts else { return }
        for url in urls where !allowed.contains(StreamURL.host(url)) {
            throw ServiceError(status: 403, code: "stream_not_allowed",
                               message: "\(StreamURL.redacted(url)) names \(StreamURL.host(url)), which this server's --stream-hosts does not list")
        }
    }

    private func allowSource(_ source: SourceSpec) throws(ServiceError) {
        guard let allowed = configuration.sourceHosts, let host = source.host else { return }
        guard allowed.contains(host) else {
            throw ServiceError(status: 403, code: "source_not_allowed", message: "source.url names \(host), which this server's --source-hosts does not list")
        }
    }
}
