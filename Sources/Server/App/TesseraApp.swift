import APIModel
import Cluster
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Jobs
import Logging
import NIOCore
import NIOPosix
import Rooms
import WebRTCDriver

/// The whole service, built from one `AppConfiguration`: the UDP media
/// server, the room directory, the job service (recovered), the built-in
/// rooms and the HTTP application with every route. `tessera serve` parses
/// flags and runs it; tests can build it in process.
public final class TesseraApp: Sendable {
    public let configuration: AppConfiguration
    public let media: UDPMediaServer
    public let directory: RoomDirectory
    public let service: JobService
    public let metrics: ServiceMetrics
    private let responder: RouterResponder<BasicRequestContext>
    private let rooms: RoomRoutes.Dependencies
    private let logger: Logger
    /// This node's membership, with several machines on one database.
    public let cluster: PostgresCluster?
    private let clusterLoop: Task<Void, Never>?

    private init(configuration: AppConfiguration, media: UDPMediaServer, directory: RoomDirectory, service: JobService, metrics: ServiceMetrics,
                 responder: RouterResponder<BasicRequestContext>, rooms: RoomRoutes.Dependencies, logger: Logger, cluster: PostgresCluster?) {
        self.configuration = configuration
        self.media = media
        self.directory = directory
        self.service = service
        self.metrics = metrics
        self.responder = responder
        self.rooms = rooms
        self.logger = logger
        self.cluster = cluster
        // The lease, the wake-ups and the poll: work no node holds is pulled while this node has room.
        clusterLoop = cluster.map { cluster in
            Task {
                await cluster.run(pull: { await service.pullWork() }, load: { await service.currentLoad },
                                  fenced: { await service.abandonRecordings() }, command: { command, id in await service.answer(command, job: id) })
            }
        }
    }

    /// Binds the media ports, opens the store, recovers unfinished jobs and
    /// sets up every route. `metrics` becomes swift-metrics' backend when
    /// `bootstrapMetrics` (once per process).
    public static func build(_ configuration: AppConfiguration, logger: Logger, bootstrapMetrics: Bool = true) async throws -> TesseraApp {
        try AppError.checkDataDirectory(configuration.dataDirectory)
        if let storage = configuration.service.storage {
            let check = await storage.checkAtStart()
            if check.fatal { throw AppError.storageUnusable(check.problem ?? "") }
            if let problem = check.problem {
                logger.warning("object storage does not answer as it should; uploads wait and retry", metadata: ["storage": .string(storage.location.description), "problem": .string(problem)])
            } else {
                logger.info("object storage ready", metadata: ["storage": .string(storage.location.description), "endpoint": .string("\(storage.endpoint.scheme)://\(storage.endpoint.host)")])
            }
        }
        let media = try await UDPMediaServer.start(host: configuration.rtcHost, ports: configuration.rtcPorts, group: MultiThreadedEventLoopGroup.singleton)
        var roomConfiguration = RoomDirectory.Configuration(candidateAddresses: configuration.candidateAddresses, iceServers: configuration.iceServers,
                                                            recordingBitrate: configuration.recordingBitrate,
                                                            consentTimeoutMicros: configuration.consentTimeoutMicros)
        roomConfiguration.reflexiveAddresses = await reflexiveAddresses(media, stun: configuration.stunServer, logger: logger)
        roomConfiguration.connectTimeoutMicros = configuration.connectTimeoutMicros
        let events = RoomEvents()
        let directory = try RoomDirectory(configuration: roomConfiguration, media: media, logger: logger) { event in events.send(event) }
        let cluster = try await joinCluster(configuration, logger: logger)
        let store: JobStore = try cluster?.store ?? SQLiteJobStore(path: configuration.dataDirectory + "/tessera.sqlite")
        var serviceConfiguration = configuration.service
        serviceConfiguration.cluster = cluster
        let metrics = ServiceMetrics()
        if bootstrapMetrics { metrics.bootstrapSwiftMetrics() }
        let service = JobService(configuration: serviceConfiguration, store: store, rooms: directory, metrics: metrics, logger: logger)
        events.attach(service)
        await service.recover()

        let router = Router()
        // Before any route: it wraps them all, and the answer for paths no route has.
        router.add(middleware: ErrorBodyMiddleware(catalog: .shared))
        // In a cluster, rooms live on their home node: WHIP offers, call pages and room sockets are sent there.
        var whereabouts: (@Sendable (String) async -> RoomWhereabouts)?
        var liveNodes: (@Sendable () async -> [String])?
        if cluster != nil {
            whereabouts = { room in await service.whereabouts(of: room) }
            liveNodes = { await service.liveNodeAddresses() }
        }
        WHIPRoutes.add(to: router, endpoint: WHIPSessions(directory: directory), tokens: configuration.whipTokens, whereabouts: whereabouts)
        // Links and room tokens must verify on every node: in a cluster the secret lives in the database.
        let links: DownloadLinkSigner
        if let cluster {
            do { links = DownloadLinkSigner(secret: try await cluster.sharedSecret("link-secret") { DownloadLinkSigner.randomSecret() }) } catch {
                throw AppError.databaseUnusable("the shared link secret cannot be read: \(error)")
            }
        } else {
            links = try DownloadLinkSigner(dataDirectory: configuration.dataDirectory)
        }
        let dependencies = APIRoutes.Dependencies(service: service, authorizer: APIAuthorizer(keys: configuration.apiKeys), links: links,
                                                  dataDirectory: configuration.dataDirectory, maximumUploadBytes: configuration.maximumUploadBytes,
                                                  publicURL: configuration.publicURL,
                                                  serverHost: "\(configuration.httpHost):\(configuration.httpPort)")
        APIRoutes.add(to: router, dependencies)
        // Built-in rooms: signaling over WebSocket, the call page, and the recorder as a room peer.
        let hub = SignalingHub(endpoint: directory, logger: logger)
        await service.attach(signaling: hub)
        await hub.onRecordRequest { room, start, jobID in await recordRequest(service, room: room, start: start, jobID: jobID) }
        let rooms = RoomRoutes.Dependencies(hub: hub, tokens: RoomTokenSigner(key: links.derivedKey(purpose: "room-tokens")), api: dependencies,
                                            whereabouts: whereabouts, liveNodes: liveNodes)
        RoomRoutes.add(to: router, rooms)
        OperationsRoutes.add(to: router, service: service, media: media, metrics: metrics)
        return TesseraApp(configuration: configuration, media: media, directory: directory, service: service, metrics: metrics,
                          responder: router.buildResponder(), rooms: rooms, logger: logger, cluster: cluster)
    }

    /// The node's address when none was given: the HTTP address, with the
    /// host name for a wildcard (other machines cannot reach 0.0.0.0).
    static func derivedURL(host: String, port: Int) -> String {
        let named = ["0.0.0.0", "::", ""].contains(host) ? ProcessInfo.processInfo.hostName : host
        return "http://\(named.contains(":") ? "[\(named)]" : named):\(port)"
    }

    /// Joins the cluster named by `--database`, or nil for one machine on SQLite.
    private static func joinCluster(_ configuration: AppConfiguration, logger: Logger) async throws -> PostgresCluster? {
        guard var settings = configuration.cluster else { return nil }
        settings.capacity = configuration.service.capacity
        if settings.url.isEmpty { settings.url = configuration.publicURL ?? derivedURL(host: configuration.httpHost, port: configuration.httpPort) }
        do {
            let cluster = try await PostgresCluster.join(settings, logger: logger)
            logger.info("jobs are kept in PostgreSQL", metadata: ["database": .string(settings.address.description), "node": .string(settings.nodeID)])
            return cluster
        } catch let error as ClusterError {
            throw AppError.databaseUnusable(error.description)
        }
    }

    /// Serves HTTP until SIGTERM or SIGINT (or the task is cancelled), then
    /// ends the running recordings within `graceSeconds` and closes every dump.
    /// `onListening` hears the HTTP port taken.
    public func run(graceSeconds: Double, onListening: @escaping @Sendable (Int) -> Void) async throws {
        let app = Application(
            responder: responder,
            // The idle timeout also closes connections whose first request head never completes (slowloris).
            server: .tesseraHTTP1(webSocketRouter: RoomRoutes.webSocketRouter(rooms, logger: logger),
                                  idleTimeout: .seconds(Int64(Swift.max(1, configuration.httpIdleTimeoutSeconds))),
                                  webSocket: .init(maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: .seconds(20)))),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "tessera"),
            onServerRunning: { [cluster, configuration] channel in
                let port = channel.localAddress?.port ?? 0
                // A node on a port the system chose says where it is once the port is known.
                if let cluster, configuration.cluster?.url.isEmpty == true, configuration.publicURL == nil, configuration.httpPort == 0 {
                    Task { await cluster.advertise(Self.derivedURL(host: configuration.httpHost, port: port)) }
                }
                onListening(port)
            },
            logger: logger)
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            await stop(graceSeconds: 0)
            throw AppError.httpPortTaken(host: configuration.httpHost, port: configuration.httpPort)
        }
        await stop(graceSeconds: graceSeconds)
    }

    /// Stops taking jobs, ends the running recordings (at most `graceSeconds`) and closes every dump.
    public func stop(graceSeconds: Double) async {
        await service.shutdown(graceSeconds: graceSeconds)
        await directory.shutdown()
        clusterLoop?.cancel()
        await cluster?.leave()
        cluster?.close()
    }

    /// A built-in room's member pressed record (or stop).
    private static func recordRequest(_ service: JobService, room: String, start: Bool, jobID: String?) async -> String? {
        do {
            if start {
                guard jobID == nil else { return "the room is being recorded already" }
                _ = try await service.createRecording(RecordingRequest(room: room, source: .init(type: "room"), metadata: ["trigger": "room member"]))
            } else if let jobID {
                _ = try await service.stopRecording(id: jobID)
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Server-reflexive addresses by local port, learned from the STUN server ("ip port").
    private static func reflexiveAddresses(_ media: UDPMediaServer, stun: (host: String, port: Int)?, logger: Logger) async -> [Int: String] {
        guard let stun else { return [:] }
        var reflexive: [Int: String] = [:]
        let found = await media.discoverReflexiveAddresses(stunServer: stun.host, port: stun.port)
        for (port, address) in found {
            reflexive[port] = address.ip.count == 4 ? address.ip.map(String.init).joined(separator: ".") + " \(address.port)" : nil
        }
        if found.isEmpty { logger.warning("no answer from the STUN server: no server-reflexive candidate", metadata: ["server": .string(stun.host)]) }
        for (port, address) in reflexive { logger.info("server-reflexive address", metadata: ["port": .stringConvertible(port), "address": .string(address)]) }
        return reflexive
    }

    /// Hands room events from the media event loop to the job service (`--auto-record`).
    private final class RoomEvents: @unchecked Sendable {  // `service` is set once, before any publisher can arrive
        private var service: JobService?
        func attach(_ service: JobService) { self.service = service }
        func send(_ event: RoomDirectory.RoomEvent) {
            guard let service else { return }
            Task { await service.roomEvent(event) }
        }
    }
}

/// Why the service cannot start, said so an operator knows what to change.
public enum AppError: Error, CustomStringConvertible {
    case httpPortTaken(host: String, port: Int)
    case dataDirectoryUnusable(path: String, reason: String)
    case storageUnusable(String)
    case databaseUnusable(String)

    public var description: String {
        switch self {
        case let .httpPortTaken(host, port): "tcp port \(port) on \(host) is already in use (another tessera serve?): pick another with --http-port"
        case let .dataDirectoryUnusable(path, reason):
            "the data directory \(path) cannot be used: \(reason); pick a writable directory with --data-dir"
        case let .storageUnusable(problem):
            "--storage cannot be used: \(problem)"
        case let .databaseUnusable(problem):
            "--database cannot be used: \(problem)"
        }
    }

    /// Creates the data directory if need be and checks that files can be written in it.
    static func checkDataDirectory(_ path: String) throws(AppError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .dataDirectoryUnusable(path: path, reason: "it is a file, not a directory") }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw .dataDirectoryUnusable(path: path, reason: Self.creationObstacle(path))
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else { throw .dataDirectoryUnusable(path: path, reason: "it is not writable") }
    }

    /// What stands in the way of creating `path`: the nearest part of it that exists.
    private static func creationObstacle(_ path: String) -> String {
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while ancestor.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { return "\(ancestor.path) is a file, not a directory" }
                return FileManager.default.isWritableFile(atPath: ancestor.path) ? "it cannot be created" : "\(ancestor.path) is not writable"
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        return "it cannot be created"
    }
}
