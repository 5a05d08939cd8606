import APIModel
import Foundation
import JanusProtocol
import Logging
import Media
import Render
import Rooms
import Telemetry

/// The job queue: starts, watches and ends recordings and renders, keeps
/// every state change in the `JobStore`, and tells webhooks about them.
/// The dump is the source of truth: no failure deletes it, and a job
/// found unfinished after a crash is rendered from it (`recover`).
public actor JobService {
    public struct Configuration: Sendable {
        public var dataDirectory: String
        /// Sum of `JobCost`s that may run at once.
        public var capacity: Int
        /// New jobs are refused, and running recordings end, below this many free bytes.
        public var diskFloorBytes: Int64
        /// How far the live composite runs behind the newest packet.
        public var liveLatencyMicros: Int64
        /// Where every job's state changes go when the job names no webhook of its own.
        public var webhookURL: String?
        public var webhookSecret: String?
        public var webhookPolicy: WebhookRetryPolicy
        /// How often limits and the disk floor are checked.
        public var monitorIntervalSeconds: Double
        /// Start a recording of every room from its first publisher to its last.
        public var autoRecord: Bool
        /// Whether auto-recordings make a live composite or keep the dump only.
        public var autoRecordComposite = true
        /// The only hosts WHEP and Janus sources may name (lowercased), or nil for any:
        /// without a list, anyone with the API key can make the server call any address it reaches.
        public var sourceHosts: Set<String>?
        /// Refuse webhook URLs that reach loopback, private or link-local addresses.
        public var webhookDenyInternal = false
        /// The longest output one render makes (a dump's times may span years).
        public var maximumRenderMicros: Int64 = 86_400_000_000
        /// Free bytes where the data directory is (a test may stand in for the disk).
        public var freeBytes: @Sendable (String) -> Int64? = { DiskSpace.available(at: $0) }

        public init(dataDirectory: String, capacity: Int = JobCost.defaultCapacity(cores: ProcessInfo.processInfo.activeProcessorCount),
                    diskFloorBytes: Int64 = 512 << 20, liveLatencyMicros: Int64 = 1_000_000, webhookURL: String? = nil,
                    webhookSecret: String? = nil, webhookPolicy: WebhookRetryPolicy = WebhookRetryPolicy(),
                    monitorIntervalSeconds: Double = 0.5, autoRecord: Bool = false) {
            self.dataDirectory = dataDirectory
            self.capacity = capacity
            self.diskFloorBytes = diskFloorBytes
            self.liveLatencyMicros = liveLatencyMicros
            self.webhookURL = webhookURL
            self.webhookSecret = webhookSecret
            self.webhookPolicy = webhookPolicy
            self.monitorIntervalSeconds = monitorIntervalSeconds
            self.autoRecord = autoRecord
        }
    }

    /// How a recording ends.
    enum Ending: Sendable {
        case stopped(String)
        case limit(String)
        case failed(reason: String, message: String)
    }

    /// A recording while it runs.
    final class Running: @unchecked Sendable {  // touched by the actor only
        let id: String
        let request: RecordingRequest
        let recorder: RoomRecorder
        let live: LiveRender?
        let cost: Int
        let startedAt: Date
        var monitor: Task<Void, Never>?
        var finishing = false
        /// A pulled source (WHEP): its server session and our connection.
        var pull: (client: WHEPClient, session: WHEPClient.Session, ufrag: String)?
        /// The recorder's id in a built-in room (source `room`).
        var roomPeer: String?
        /// The Janus VideoRoom the recording subscribes to (source `janus`).
        var janus: JanusRoomSource?
        init(id: String, request: RecordingRequest, recorder: RoomRecorder, live: LiveRender?, cost: Int) {
            self.id = id
            self.request = request
            self.recorder = recorder
            self.live = live
            self.cost = cost
            startedAt = Date()
        }
    }

    public let configuration: Configuration
    public let metrics: ServiceMetrics
    private let store: JobStore
    private let rooms: WHIPEndpoint
    private let logger: Logger
    private let webhooks: WebhookSender
    private var running: [String: Running] = [:]
    private var starting: Set<String> = []
    private var stopsRequested: Set<String> = []
    private var renders: [String: Int] = [:]
    private var load = 0
    private var accepting = true
    private var autoRecordings: [String: String] = [:]  // room → job id ("starting" until it has one)
    private var autoStopsPending: Set<String> = []  // rooms whose last publisher left while their recording started
    private var finishers: [String: Task<JobDocument, Error>] = [:]
    /// Work that outlives the call that started it (renders, webhooks), by a
    /// number; each removes itself when done, so the map holds only what runs.
    private var background: [Int: Task<Void, Never>] = [:]
    private var nextBackgroundID = 0
    private var signaling: SignalingHub?

    public init(configuration: Configuration, store: JobStore, rooms: WHIPEndpoint, metrics: ServiceMetrics, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.rooms = rooms
        self.metrics = metrics
        self.logger = logger
        webhooks = WebhookSender(secret: configuration.webhookSecret, policy: configuration.webhookPolicy,
                                 denyInternalAddresses: configuration.webhookDenyInternal)
    }

    /// The built-in rooms, for recordings whose source is a room.
    public func attach(signaling: SignalingHub) { self.signaling = signaling }

    public var currentLoad: Int { load }
    public var isAccepting: Bool { accepting }

    // MARK: - Recordings

    public func createRecording(_ request: RecordingRequest) async throws(ServiceError) -> JobDocument {
        let request = try request.validated()
        try allowSource(request.source)
        let cost = request.liveComposite == true ? JobCost.liveComposite : JobCost.dumpOnly
        if request.liveComposite == true { _ = try renderSettings(request.output!, layout: request.layout!, poster: nil) }
        try admit(cost: cost)
        let id = Self.newID()
        // The source's token and PIN are used from memory and never stored or shown.
        let job = Job(id: id, kind: .recording, room: request.room, settings: Self.json(request.withoutSecrets), createdAt: Self.now())
        do { try await store.insert(job) } catch { throw Self.internalError(error) }
        load += cost
        await notify(job)
        await start(job, request: request, cost: cost)
        return try await document(id: id)
    }

    private func start(_ job: Job, request: RecordingRequest, cost: Int) async {
        let id = job.id
        var logger = self.logger
        logger[metadataKey: "job"] = .string(id)
        starting.insert(id)
        defer { starting.remove(id) }
        guard await transition(id, to: .starting, reason: nil) != nil else { load -= cost; return }
        let directory = directory(kind: .recording, id: id)
        let dumpPath = directory + "/session.rtpd"
        do {
            let recorder = try await rooms.startRecording(room: request.room, dumpPath: dumpPath, sessionID: id)
            var live: LiveRender?
            if request.liveComposite == true {
                let settings = try renderSettings(request.output!, layout: request.layout!, poster: directory + "/poster.jpg")
                live = LiveRender(dump: dumpPath, output: directory + "/recording." + request.output!.fileExtension, settings: settings)
                live!.start()
            }
            let recording = Running(id: id, request: request, recorder: recorder, live: live, cost: cost)
            running[id] = recording
            await updateResult(id) { result in
                result.dump = "recordings/\(id)/session.rtpd"
                result.startedAt = Self.now()
            }
            if request.source?.type == "whep" {
                do { recording.pull = try await pullWHEP(request, jobID: id) } catch {
                    running[id] = nil
                    try? await rooms.stopRecording(recorder, reason: "the WHEP source could not be reached")
                    if let live { _ = try? await onThread("tessera-finish") { try live.finish() } }
                    throw error
                }
            }
            if request.source?.type == "janus" {
                do { recording.janus = try await joinJanus(request, jobID: id, logger: logger) } catch {
                    running[id] = nil
                    try? await rooms.stopRecording(recorder, reason: "the Janus room could not be joined")
                    if let live { _ = try? await onThread("tessera-finish") { try live.finish() } }
                    throw error
                }
            }
            if request.source?.type == "room" {
                guard let signaling else { throw ServiceError.invalid("this server has no built-in rooms") }
                recording.roomPeer = await signaling.addRecorder(room: request.room, jobID: id)
            }
            _ = await transition(id, to: .active, reason: nil)
            logger.info("recording started", metadata: ["room": .string(request.room), "live": .stringConvertible(live != nil),
                                                        "source": .string(request.source?.type ?? "whip")])
            recording.monitor = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64((self?.configuration.monitorIntervalSeconds ?? 1) * 1_000_000_000))
                    guard let self, !Task.isCancelled else { return }
                    await self.check(id)
                }
            }
            if stopsRequested.remove(id) != nil { finishInBackground(id, .stopped("stopped by request")) }
        } catch {
            running[id] = nil
            load -= cost
            logger.error("recording could not start", metadata: ["error": .string("\(error)")])
            _ = await transition(id, to: .failed, reason: "start_failed", message: "the recording could not start: \(error)")
        }
    }

    /// Pulls a WHEP source into the recording's room: our offer, the
    /// server's answer, the connection (tessera controls ICE).
    private func pullWHEP(_ request: RecordingRequest, jobID: String) async throws -> (client: WHEPClient, session: WHEPClient.Session, ufrag: String) {
        let source = request.source!
        let client = WHEPClient(url: source.url!, token: source.token)
        let call = rooms.makeCallOffer()
        let (answer, session) = try await client.offer(call.sdp)
        let name = source.name ?? URL(string: source.url!)?.host ?? "whep"
        do {
            let ufrag = try await rooms.connectCall(call, answer: answer, room: request.room, participantID: "whep-" + jobID.prefix(8), name: name)
            return (client, session, ufrag)
        } catch {
            await client.delete(session)
            throw error
        }
    }

    /// Joins a Janus VideoRoom: every publisher there, now and later, is a
    /// participant of the recording's room. A Janus that goes away ends the
    /// recording with what it has.
    private func joinJanus(_ request: RecordingRequest, jobID: String, logger: Logger) async throws -> JanusRoomSource {
        let source = request.source!
        let settings = JanusRoomSource.Settings(url: source.url!, room: source.room!, pin: source.pin, token: source.token)
        return try await JanusRoomSource.connect(settings, room: request.room, endpoint: rooms, logger: logger) { [weak self] reason in
            await self?.janusEnded(jobID, reason: reason)
        }
    }

    private func janusEnded(_ id: String, reason: String) {
        guard let recording = running[id], !recording.finishing else { return }
        finishInBackground(id, .stopped("the Janus source ended: \(reason)"))
    }

    /// Limits, the disk floor and the dump writer, checked while a recording runs.
    private func check(_ id: String) async {
        guard let recording = running[id], !recording.finishing else { return }
        let statistics = await rooms.statistics(of: recording.recorder)
        let limits = recording.request.limits
        if let failure = statistics.writeFailure {
            finishInBackground(id, .failed(reason: "dump_write_failed", message: "writing the dump failed: \(failure)"))
        } else if let free = configuration.freeBytes(configuration.dataDirectory), free < configuration.diskFloorBytes {
            finishInBackground(id, .failed(reason: "disk_full", message: "free disk space fell below the floor (\(free) bytes free); the dump and the file up to here are kept"))
        } else if let maximum = limits?.maxDurationSeconds, Date().timeIntervalSince(recording.startedAt) >= maximum {
            finishInBackground(id, .limit("maxDurationSeconds \(maximum) reached"))
        } else if let maximum = limits?.maxBytes, statistics.bytesWritten >= maximum {
            finishInBackground(id, .limit("maxBytes \(maximum) reached"))
        }
    }

    private func finishInBackground(_ id: String, _ ending: Ending) {
        guard finishers[id] == nil else { return }
        finishers[id] = Task { try await self.finish(id, ending) }
    }

    /// `POST /v1/recordings/{id}/stop`: ends the recording; returns once its file is ready.
    public func stopRecording(id: String) async throws(ServiceError) -> JobDocument {
        guard let job = try await storedJob(id), job.kind == .recording else { throw .notFound("no recording \(id)") }
        if starting.contains(id) {
            stopsRequested.insert(id)
            return try await document(id: id)
        }
        if job.state.isFinal { return try await document(id: id) }
        guard running[id] != nil else { throw .conflict("recording \(id) is \(job.state.rawValue) and cannot be stopped now") }
        if finishers[id] == nil { finishers[id] = Task { try await self.finish(id, .stopped("stopped by request")) } }
        do { return try await finishers[id]!.value } catch let error as ServiceError { throw error } catch { throw Self.internalError(error) }
    }

    private func finish(_ id: String, _ ending: Ending) async throws -> JobDocument {
        guard let recording = running[id], !recording.finishing else { return try await document(id: id) }
        recording.finishing = true
        recording.monitor?.cancel()
        await end(recording, ending)
        running[id] = nil
        finishers[id] = nil
        load -= recording.cost
        if autoRecordings[recording.request.room] == id { autoRecordings[recording.request.room] = nil }
        return try await document(id: id)
    }

    /// Stops the recorder, finishes the file and moves the job to its final state.
    private func end(_ recording: Running, _ ending: Ending) async {
        let id = recording.id
        var logger = self.logger
        logger[metadataKey: "job"] = .string(id)
        let reason: String = switch ending {
        case let .stopped(text), let .limit(text): text
        case let .failed(_, message): message
        }
        if case .failed = ending {} else { _ = await transition(id, to: .stopping, reason: reason) }
        if let peer = recording.roomPeer { await signaling?.removeRecorder(room: recording.request.room, id: peer) }
        if let janus = recording.janus { await janus.stop(reason: reason) }
        if let pull = recording.pull {
            // Hang up on the server first (WHEP §4.3), then drop our side: its tracks end in the dump.
            let status = await pull.client.delete(pull.session)
            logger.info("WHEP session ended", metadata: ["resource": .string(pull.session.resource?.absoluteString ?? "none"),
                                                        "status": .string(status.map(String.init) ?? "no answer")])
            await rooms.hangUp(ufrag: pull.ufrag, reason: reason)
        }
        let statistics = await rooms.statistics(of: recording.recorder)
        do { try await rooms.stopRecording(recording.recorder, reason: reason) } catch {
            logger.error("closing the dump failed", metadata: ["error": .string("\(error)")])
        }
        let stoppedAt = Self.now()
        metrics.packetsRecorded.increment(by: Int64(statistics.mediaPackets))
        metrics.bytesRecorded.increment(by: statistics.bytesWritten)
        await updateResult(id) { result in
            result.stoppedAt = stoppedAt
            result.bytesReceived = statistics.bytesWritten
            result.participants = statistics.participants.sorted { $0.key < $1.key }.map { JobResult.Participant(id: $0.key, name: $0.value.isEmpty ? nil : $0.value) }
            result.tracks = statistics.tracks.map {
                JobResult.Track(id: Int($0.id), participantId: $0.participantID, kind: $0.kind, codec: $0.codec, packets: $0.packets,
                                bytes: $0.bytes, ended: $0.ended)
            }
        }
        if statistics.mediaPackets == 0 {
            if let live = recording.live { _ = try? await onThread("tessera-finish") { try live.finish() } }
            if case let .failed(code, message) = ending {
                _ = await transition(id, to: .failed, reason: code, message: message)
            } else {
                _ = await transition(id, to: .aborted, reason: "no media arrived before the recording stopped")
            }
            logger.info("recording ended without media")
            return
        }
        if case .failed = ending {} else { _ = await transition(id, to: .processing, reason: nil) }
        var renderFailure: String?
        if let live = recording.live {
            do {
                let summary = try await onThread("tessera-finish") { try live.finish() }
                await recordRender(id, summary: summary, live: true)
            } catch {
                // The live render broke: the dump is whole, so render it again in batch.
                logger.warning("live composite failed; rendering the dump", metadata: ["error": .string("\(error)")])
                do { try await batchRender(id: id, request: recording.request) } catch { renderFailure = "\(error)" }
            }
        }
        await refreshFiles(id)
        switch ending {
        case let .failed(code, message):
            _ = await transition(id, to: .failed, reason: code, message: message)
        case _ where renderFailure != nil:
            _ = await transition(id, to: .failed, reason: "render_failed", message: "rendering failed: \(renderFailure!); the dump is kept")
        case let .limit(text):
            _ = await transition(id, to: .limitReached, reason: text)
        case .stopped:
            _ = await transition(id, to: .completed, reason: nil)
        }
        logger.info("recording finished", metadata: ["packets": .stringConvertible(statistics.mediaPackets)])
    }

    /// `PATCH /v1/recordings/{id}`: a new layout for the rest of a running recording.
    public func changeLayout(id: String, layout: String) async throws(ServiceError) -> JobDocument {
        try validateLayoutName(layout)
        guard let recording = running[id], !recording.finishing else {
            guard try await storedJob(id) != nil else { throw .notFound("no recording \(id)") }
            throw .conflict("recording \(id) is not running")
        }
        guard let live = recording.live else { throw .conflict("recording \(id) keeps the dump only; give the layout when rendering it") }
        let loaded: Layout
        do { loaded = try Layout.load(layout) } catch { throw .invalid("\(error)") }
        live.changeLayout(loaded)
        // The stored request keeps the layout the recording started with; the changes are listed in the result.
        let at = Self.now()
        await updateResult(id) { result in result.layoutChanges.append(JobResult.LayoutChange(layout: layout, at: at)) }
        logger.info("layout changed", metadata: ["job": .string(id), "layout": .string(layout)])
        return try await document(id: id)
    }

    // MARK: - Renders

    public func createRender(_ request: RenderRequest) async throws(ServiceError) -> JobDocument {
        let request = try request.validated()
        _ = try renderSettings(request.output!, layout: request.layout!, poster: nil)
        let source = try await sourceDump(for: request)
        try request.validateSpan()
        try admit(cost: JobCost.render)
        let id = Self.newID()
        var job = Job(id: id, kind: .render, room: source.room, settings: Self.json(request), createdAt: Self.now())
        var result = JobResult()
        result.dump = source.dump
        job.result = Self.json(result)
        do { try await store.insert(job) } catch { throw Self.internalError(error) }
        load += JobCost.render
        renders[id] = JobCost.render
        await notify(job)
        inBackground { await self.runRender(id: id, request: request) }
        return try await document(id: id)
    }

    private func sourceDump(for request: RenderRequest) async throws(ServiceError) -> (dump: String, room: String?) {
        if let uploadID = request.uploadId {
            guard Self.isSafeID(uploadID), FileManager.default.fileExists(atPath: configuration.dataDirectory + "/uploads/\(uploadID).rtpd") else {
                throw .notFound("no upload \(uploadID)")
            }
            return ("uploads/\(uploadID).rtpd", nil)
        }
        let recordingID = request.recordingId!
        guard let recording = try await storedJob(recordingID), recording.kind == .recording else { throw .notFound("no recording \(recordingID)") }
        guard recording.state.isFinal else { throw .conflict("recording \(recordingID) is \(recording.state.rawValue); render it when it has ended") }
        guard let dump = Self.result(of: recording).dump, FileManager.default.fileExists(atPath: configuration.dataDirectory + "/" + dump) else {
            throw .conflict("recording \(recordingID) has no dump to render")
        }
        return (dump, recording.room)
    }

    private func runRender(id: String, request: RenderRequest) async {
        defer {
            load -= renders.removeValue(forKey: id) ?? 0
        }
        if let job = try? await store.job(id: id), job.state == .queued { _ = await transition(id, to: .starting, reason: nil) }
        if let job = try? await store.job(id: id), job.state == .starting || job.state == .interrupted {
            _ = await transition(id, to: .processing, reason: nil)
        }
        do {
            try await batchRender(id: id, request: nil, render: request)
            await refreshFiles(id)
            _ = await transition(id, to: .completed, reason: nil)
        } catch {
            _ = await transition(id, to: .failed, reason: "render_failed", message: "\(error)")
        }
    }

    /// Renders a job's dump to its output file in batch: a render job, a
    /// recording recovered after a crash, or one whose live composite broke.
    private func batchRender(id: String, request recording: RecordingRequest?, render: RenderRequest? = nil) async throws {
        // Counted (and stored) before the render: if it takes the process down, the next start knows.
        await updateResult(id) { result in result.renderAttempts += 1 }
        guard let job = try await store.job(id: id), let dump = Self.result(of: job).dump else { throw ServiceError.notFound("no dump for \(id)") }
        let output = try (recording?.output ?? render?.output) ?? OutputRequest().validated()
        let layout = recording?.layout ?? render?.layout ?? "grid"
        let directory = directory(kind: job.kind, id: id)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var settings = try renderSettings(output, layout: layout, poster: directory + "/poster.jpg")
        settings.from = render?.from
        settings.to = render?.to
        let outputPath = directory + "/" + (job.kind == .recording ? "recording." : "render.") + output.fileExtension
        let dumpPath = configuration.dataDirectory + "/" + dump
        settings.maximumDurationMicros = configuration.maximumRenderMicros
        let frozen = settings
        let freeBytes = configuration.freeBytes, dataDirectory = configuration.dataDirectory, floor = configuration.diskFloorBytes
        let summary = try await onThread("tessera-render") {
            var renderer = Renderer(settings: frozen)
            // A render stops at the disk floor, so live recordings keep their room on the disk.
            renderer.shouldStop = {
                guard let free = freeBytes(dataDirectory), free < floor else { return nil }
                return "free disk space fell below the floor (\(free) bytes free)"
            }
            return try renderer.render(dump: dumpPath, to: outputPath)
        }
        await recordRender(id, summary: summary, live: false)
    }

    private func recordRender(_ id: String, summary: RenderSummary, live: Bool) async {
        let dropped = summary.tracks.reduce(0) { $0 + $1.framesDroppedByReason.values.reduce(0, +) }
        metrics.framesDropped.increment(by: Int64(dropped))
        let oversize = summary.tracks.reduce(0) { $0 + $1.framesRefusedOversize }
        if oversize > 0 { Limit.decoderPixels.count(oversize) }
        if summary.truncatedByDurationLimit { Limit.renderDuration.count() }
        if !live { metrics.renderSpeed.set(summary.speed) }
        await updateResult(id) { result in
            result.durationSeconds = summary.durationSeconds
            result.framesWritten = summary.framesWritten
            if !live { result.renderSpeed = summary.speed }
        }
    }

    // MARK: - Reading, deleting

    public func document(id: String) async throws(ServiceError) -> JobDocument {
        guard let job = try await storedJob(id) else { throw .notFound("no job \(id)") }
        var result = Self.result(of: job)
        var progress: Double?
        if let recording = running[id] {
            let statistics = await rooms.statistics(of: recording.recorder)
            result.bytesReceived = statistics.bytesWritten
            result.participants = statistics.participants.sorted { $0.key < $1.key }.map { JobResult.Participant(id: $0.key, name: $0.value.isEmpty ? nil : $0.value) }
            result.tracks = statistics.tracks.map {
                JobResult.Track(id: Int($0.id), participantId: $0.participantID, kind: $0.kind, codec: $0.codec, packets: $0.packets,
                                bytes: $0.bytes, ended: $0.ended)
            }
            result.durationSeconds = Date().timeIntervalSince(recording.startedAt)
            progress = recording.live?.progressSeconds
        }
        let history = try? await store.history(id: id)
        return JobDocument(job: job, result: result, history: history, progressSeconds: progress)
    }

    public func list(kind: JobKind, state: JobState?, room: String?, limit: Int, after cursor: String?) async throws(ServiceError) -> JobPage {
        var documents: [JobDocument] = []
        var cursor = cursor
        let wanted = Swift.max(1, Swift.min(limit, 200))
        // The store pages over both kinds; keep reading until this kind fills the page.
        while documents.count < wanted {
            let page: [Job]
            do { page = try await store.list(state: state, room: room, limit: wanted, before: cursor) } catch { throw Self.internalError(error) }
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
        guard let job = try await storedJob(id) else { throw .notFound("no job \(id)") }
        guard let file = Self.result(of: job).files.first(where: { $0.name == name }) else { throw .notFound("job \(id) has no file \(name)") }
        return (directory(kind: job.kind, id: id) + "/" + name, file)
    }

    /// Stops the job if it runs, then deletes its files, dump and record.
    public func delete(id: String, kind: JobKind) async throws(ServiceError) {
        guard let job = try await storedJob(id), job.kind == kind else { throw .notFound("no \(kind.rawValue) \(id)") }
        if running[id] != nil { _ = try? await stopRecording(id: id) }
        if renders[id] != nil { throw .conflict("render \(id) is running; delete it when it has ended") }
        try? FileManager.default.removeItem(atPath: directory(kind: kind, id: id))
        do { _ = try await store.delete(id: id) } catch { throw Self.internalError(error) }
        logger.info("job deleted", metadata: ["job": .string(id)])
    }

    // MARK: - Starting up, shutting down, rooms

    /// After a restart: recordings that were running are rendered from
    /// their dumps and completed; queued jobs run; renders start over.
    public func recover() async {
        let jobs: [Job]
        do { jobs = try await store.unfinished() } catch {
            logger.error("cannot read unfinished jobs", metadata: ["error": .string("\(error)")])
            return
        }
        for job in jobs {
            var logger = self.logger
            logger[metadataKey: "job"] = .string(job.id)
            if Self.result(of: job).renderAttempts >= Self.maximumRenderAttempts {
                logger.error("job found unfinished after its renders crashed the process twice: not run again")
                _ = await transition(job.id, to: .failed, reason: "crashed_during_processing",
                                     message: "rendering this job stopped the server \(Self.maximumRenderAttempts) times; the dump is kept")
                continue
            }
            switch (job.kind, job.state) {
            case (.recording, .queued):
                guard let request = try? JSONDecoder().decode(RecordingRequest.self, from: Data(job.settings.utf8)) else { continue }
                let cost = request.liveComposite == true ? JobCost.liveComposite : JobCost.dumpOnly
                load += cost
                await start(job, request: request, cost: cost)
            case (.recording, .starting):
                _ = await transition(job.id, to: .aborted, reason: "the server stopped while the recording was starting")
            case (.recording, _):
                logger.warning("recording found unfinished after a restart: rendering its dump", metadata: ["state": .string(job.state.rawValue)])
                if job.state != .interrupted { _ = await transition(job.id, to: .interrupted, reason: "the server stopped during the recording") }
                load += JobCost.render
                renders[job.id] = JobCost.render
                inBackground { await self.completeInterrupted(job) }
            case (.render, _):
                if job.state == .processing { _ = await transition(job.id, to: .interrupted, reason: "the server stopped during the render") }
                guard let request = try? JSONDecoder().decode(RenderRequest.self, from: Data(job.settings.utf8)) else { continue }
                load += JobCost.render
                renders[job.id] = JobCost.render
                inBackground { await self.runRender(id: job.id, request: request) }
            }
        }
    }

    private func completeInterrupted(_ job: Job) async {
        defer { load -= renders.removeValue(forKey: job.id) ?? 0 }
        guard let request = try? JSONDecoder().decode(RecordingRequest.self, from: Data(job.settings.utf8)) else {
            _ = await transition(job.id, to: .failed, reason: "bad_settings", message: "the job's stored request cannot be read")
            return
        }
        _ = await transition(job.id, to: .processing, reason: nil)
        await updateResult(job.id) { result in
            if result.stoppedAt == nil { result.stoppedAt = Self.now() }
        }
        do {
            if request.liveComposite == true { try await batchRender(id: job.id, request: request) }
            await refreshFiles(job.id)
            _ = await transition(job.id, to: .completed, reason: "rendered from the dump after a restart")
        } catch {
            await refreshFiles(job.id)
            _ = await transition(job.id, to: .failed, reason: "render_failed", message: "rendering the dump after a restart failed: \(error); the dump is kept")
        }
    }

    /// Stops taking jobs and ends every running recording, waiting at most
    /// `graceSeconds`; what is not done by then is finished after the next start.
    public func shutdown(graceSeconds: Double) async {
        accepting = false
        let ids = Array(running.keys)
        logger.info("shutting down", metadata: ["recordings": .stringConvertible(ids.count)])
        for id in ids { finishInBackground(id, .stopped("server shutdown")) }
        let deadline = Date().addingTimeInterval(graceSeconds)
        while (!running.isEmpty || !renders.isEmpty) && Date() < deadline {
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        for task in background.values { task.cancel() }
    }

    /// A room's first publisher came or its last one left: a pulled source
    /// that went away (the server hung up, consent lost) ends its recording;
    /// with `--auto-record`, the first publisher starts a recording and the last one stops it.
    public func roomEvent(_ event: WHIPEndpoint.RoomEvent) async {
        if case let .closed(room) = event {
            for recording in running.values where recording.request.room == room && recording.pull != nil && !recording.finishing {
                finishInBackground(recording.id, .stopped("the WHEP source ended"))
            }
        }
        guard configuration.autoRecord, accepting else { return }
        switch event {
        case let .opened(room):
            // A room someone records already (a pulled source joining its recording's room) is not recorded twice.
            guard autoRecordings[room] == nil, !running.values.contains(where: { $0.request.room == room }) else { return }
            autoRecordings[room] = "starting"
            do {
                let document = try await createRecording(RecordingRequest(room: room, metadata: ["trigger": "auto-record"],
                                                                             liveComposite: configuration.autoRecordComposite))
                autoRecordings[room] = document.id
                if autoStopsPending.remove(room) != nil { finishInBackground(document.id, .stopped("the room's last publisher left")) }
            } catch {
                autoRecordings[room] = nil
                autoStopsPending.remove(room)
                logger.error("auto-record could not start", metadata: ["room": .string(room), "error": .string("\(error)")])
            }
        case let .closed(room):
            if autoRecordings[room] == "starting" { autoStopsPending.insert(room) }
            guard let id = autoRecordings[room], running[id] != nil else { return }
            finishInBackground(id, .stopped("the room's last publisher left"))
        }
    }

    // MARK: - Imports

    /// An upload being imported (a capture or Janus recordings parsed in
    /// memory) takes `JobCost.dumpImport` units of capacity while it runs, as
    /// a job would: refused like a job when the machine is full. Pair each
    /// successful call with one `releaseImport`.
    public func reserveImport() throws(ServiceError) {
        try admit(cost: JobCost.dumpImport)
        load += JobCost.dumpImport
    }

    public func releaseImport() { load = Swift.max(0, load - JobCost.dumpImport) }

    // MARK: - Metrics

    public func refreshMetrics() async {
        if let counts = try? await store.countsByState() { metrics.setJobCounts(counts) }
    }

    // MARK: - Helpers

    private func admit(cost: Int) throws(ServiceError) {
        guard accepting else { throw ServiceError(status: 503, code: "shutting_down", message: "the server is shutting down", retryAfter: 30) }
        if let free = configuration.freeBytes(configuration.dataDirectory), free < configuration.diskFloorBytes {
            metrics.jobsRefused.increment()
            Limit.admission.count()
            throw ServiceError(status: 507, code: "insufficient_storage",
                               message: "only \(free) bytes free, below the floor of \(configuration.diskFloorBytes)")
        }
        guard load + cost <= configuration.capacity else {
            metrics.jobsRefused.increment()
            Limit.admission.count()
            throw ServiceError(status: 503, code: "at_capacity",
                               message: "running jobs use \(load) of \(configuration.capacity) capacity units; this one needs \(cost)",
                               retryAfter: 30)
        }
    }

    private func allowSource(_ source: RecordingRequest.Source?) throws(ServiceError) {
        guard let allowed = configuration.sourceHosts, let url = source?.url else { return }
        let host = (URL(string: url)?.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard allowed.contains(host) else {
            throw ServiceError(status: 403, code: "source_not_allowed", message: "source.url names \(host), which this server's --source-hosts does not list")
        }
    }

    private func renderSettings(_ output: OutputRequest, layout name: String, poster: String?) throws(ServiceError) -> RenderSettings {
        let layout: Layout
        do { layout = try Layout.load(name) } catch { throw .invalid("layout: \(error)") }
        var settings = RenderSettings(layout: layout, container: output.format == "webm" ? .webm : .mp4,
                                      width: output.width ?? 1280, height: output.height ?? 720, fps: output.fps ?? 30)
        settings.video.bitrate = output.videoBitrate
        settings.video.preset = output.preset ?? "veryfast"
        settings.audio.bitrate = output.audioBitrate ?? 128_000
        settings.latencyMicros = configuration.liveLatencyMicros
        settings.posterPath = poster
        return settings
    }

    private func refreshFiles(_ id: String) async {
        guard let job = try? await store.job(id: id) else { return }
        let directory = directory(kind: job.kind, id: id)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasSuffix(".partial") }.sorted()
        let files = names.compactMap { name -> JobResult.File? in
            guard let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[.size] as? Int else { return nil }
            return JobResult.File(name: name, size: Int64(size), contentType: Self.contentType(name))
        }
        await updateResult(id) { result in
            result.files = files
            result.completedAt = Self.now()
        }
    }

    static func contentType(_ name: String) -> String {
        if name.hasSuffix(".mp4") { return "video/mp4" }
        if name.hasSuffix(".webm") { return "video/webm" }
        if name.hasSuffix(".jpg") { return "image/jpeg" }
        return "application/octet-stream"
    }

    private func directory(kind: JobKind, id: String) -> String {
        configuration.dataDirectory + (kind == .recording ? "/recordings/" : "/renders/") + id
    }

    private func storedJob(_ id: String) async throws(ServiceError) -> Job? {
        guard Self.isSafeID(id) else { return nil }
        do { return try await store.job(id: id) } catch { throw Self.internalError(error) }
    }

    /// Applies a state change, logs it, and sends the webhook; an illegal
    /// one is logged as the bug it is and not applied (nil).
    @discardableResult
    private func transition(_ id: String, to state: JobState, reason: String?, message: String? = nil) async -> Job? {
        do {
            let job = try await store.transition(id: id, to: state, at: Self.now(), reason: reason, message: message)
            var metadata: Logger.Metadata = ["job": .string(id), "state": .string(state.rawValue)]
            if let reason { metadata["reason"] = .string(reason) }
            logger.info("job state changed", metadata: metadata)
            await notify(job)
            return job
        } catch {
            logger.error("job state change refused", metadata: ["job": .string(id), "to": .string(state.rawValue), "error": .string("\(error)")])
            return nil
        }
    }

    private func updateResult(_ id: String, _ change: @escaping @Sendable (inout JobResult) -> Void) async {
        try? await store.updateResult(id: id) { text in
            var result = (try? JSONDecoder().decode(JobResult.self, from: Data(text.utf8))) ?? JobResult()
            change(&result)
            return Self.json(result)
        }
    }

    private func notify(_ job: Job) async {
        let request = job.kind == .recording
            ? (try? JSONDecoder().decode(RecordingRequest.self, from: Data(job.settings.utf8)))?.webhookUrl
            : (try? JSONDecoder().decode(RenderRequest.self, from: Data(job.settings.utf8)))?.webhookUrl
        guard let url = request ?? configuration.webhookURL else { return }
        let document = JobDocument(job: job, result: Self.result(of: job))
        let body = Array(Self.json(document).utf8)
        let id = job.id, state = job.state.rawValue
        let sender = webhooks
        inBackground { await sender.deliver(body: body, to: url, state: state) { attempt in await self.recordAttempt(id, attempt) } }
    }

    private func inBackground(_ work: @escaping @Sendable () async -> Void) {
        let number = nextBackgroundID
        nextBackgroundID += 1
        background[number] = Task {
            await work()
            self.backgroundEnded(number)
        }
    }

    private func backgroundEnded(_ number: Int) { background[number] = nil }

    private func recordAttempt(_ id: String, _ attempt: JobResult.WebhookAttempt) async {
        if attempt.delivered { metrics.webhookDeliveries.increment() } else { metrics.webhookFailures.increment() }
        if !attempt.delivered {
            logger.warning("webhook delivery failed", metadata: ["job": .string(id), "url": .string(attempt.url),
                                                                 "attempt": .stringConvertible(attempt.attempt), "error": .string(attempt.error ?? "")])
        }
        await updateResult(id) { result in
            result.webhooks.append(attempt)
            if result.webhooks.count > 100 { result.webhooks.removeFirst(result.webhooks.count - 100) }
        }
    }

    /// Renders a job may begin before one found unfinished is failed instead.
    static let maximumRenderAttempts = 2

    static func result(of job: Job) -> JobResult {
        (try? JSONDecoder().decode(JobResult.self, from: Data(job.result.utf8))) ?? JobResult()
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    /// Job ids: 16 random letters and digits, safe in paths and URLs.
    static func newID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func isSafeID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    static func internalError(_ error: Error) -> ServiceError {
        ServiceError(status: 500, code: "internal", message: "\(error)")
    }
}
