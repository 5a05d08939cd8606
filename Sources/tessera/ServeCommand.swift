import ArgumentParser
import Foundation
import Jobs
import Logging
import Media
import NIOCore
import NIOPosix
import Server
import WebRTCDriver

/// `tessera serve`: the recording service — REST API, job queue on
/// SQLite, WHIP ingest, live composites, downloads.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs the recording service: a REST API (/v1) that records rooms of WHIP publishers and renders their dumps.",
        discussion: """
            Publishers POST SDP offers to http://HOST:PORT/whip/ROOM (RFC 9725). POST /v1/recordings {"room": ROOM} \
            records a room (its dump and a live composite) until POST /v1/recordings/ID/stop; the file is then at \
            /v1/recordings/ID/files/recording.mp4. Jobs live in DATA-DIR/tessera.sqlite; a job found unfinished at start \
            (after a crash) is rendered from its dump. SIGINT or SIGTERM stops taking jobs, ends the running recordings \
            within --shutdown-grace seconds and exits. The API is described at /openapi.json and docs/api.md.

            Pages: http://HOST:PORT/ is the jobs page (start, watch, re-render and download recordings); \
            http://HOST:PORT/call/ROOM?token=… is a built-in room's call page (tokens from POST /v1/rooms/ROOM/tokens, \
            or "new call link" on the jobs page).
            """)

    @OptionGroup(title: "HTTP") var http: HTTPOptions
    @OptionGroup(title: "Media (WebRTC)") var media: MediaOptions
    @OptionGroup(title: "Rooms: WHIP publishers, the built-in rooms and the call page") var rooms: RoomOptions
    @OptionGroup(title: "Jobs and their files") var jobs: JobOptions
    @OptionGroup(title: "Limits") var limits: LimitOptions
    @OptionGroup(title: "Object storage (S3-compatible)") var storage: StorageOptions
    @OptionGroup(title: "Several machines (PostgreSQL)") var cluster: ClusterOptions

    func run() async throws {
        let ports = try Self.ports(media.rtcPort)
        // A live stream's peer may close its socket at any time: the write fails (EPIPE), the process goes on.
        signal(SIGPIPE, SIG_IGN)
        var logger = Logger(label: "tessera")
        logger.logLevel = Logger.Level(rawValue: http.logLevel) ?? .info
        LibavLogging.set(verbose: logger.logLevel <= .debug)
        let keys = http.apiKey.isEmpty ? (ProcessInfo.processInfo.environment["TESSERA_API_KEY"].map { [$0] } ?? []) : http.apiKey
        // An empty key would open the API while the server believed it protected.
        if keys.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("an API key (--api-key or TESSERA_API_KEY) is empty: give a key, or leave it unset for a loopback-only server")
        }
        let whipTokens: [String]
        do {
            whipTokens = try AppConfiguration.whipTokens(given: rooms.whipToken ?? ProcessInfo.processInfo.environment["TESSERA_WHIP_TOKEN"],
                                                         apiKeys: keys, open: rooms.whipOpen)
        } catch { throw ValidationError(error.message) }
        if whipTokens.isEmpty && !keys.isEmpty {
            logger.warning("--whip-open: anyone who reaches the HTTP port may publish into rooms (and start recordings with --auto-record)")
        }
        let loopbackOnly = keys.isEmpty && !["127.0.0.1", "::1", "localhost"].contains(http.httpHost)
        if loopbackOnly {
            logger.warning("no API key (--api-key): the HTTP server binds to 127.0.0.1 only", metadata: ["asked": .string(http.httpHost)])
        }
        let listenHost = loopbackOnly ? "127.0.0.1" : http.httpHost
        let candidates = media.publicIp.isEmpty ? Self.interfaceAddresses(bound: media.rtcHost) : media.publicIp
        guard !candidates.isEmpty else { throw ValidationError("no address to announce: pass --public-ip") }
        var configuration = AppConfiguration(candidateAddresses: candidates, service: try serviceConfiguration())
        configuration.httpHost = listenHost
        configuration.httpPort = http.httpPort
        configuration.httpIdleTimeoutSeconds = http.httpIdleTimeout
        configuration.rtcHost = media.rtcHost
        configuration.rtcPorts = ports
        if let stunServer = media.stunServer {
            guard let colon = stunServer.lastIndex(of: ":"), let stunPort = Int(stunServer[stunServer.index(after: colon)...]) else {
                throw ValidationError("--stun-server \(stunServer): expected HOST:PORT")
            }
            configuration.stunServer = (String(stunServer[..<colon]), stunPort)
        }
        configuration.iceServers = media.iceServer
        configuration.recordingBitrate = media.recordingBitrate
        configuration.consentTimeoutMicros = Int64(Swift.max(1, media.consentTimeout)) * 1_000_000
        configuration.connectTimeoutMicros = Int64(Swift.max(1, media.connectTimeout)) * 1_000_000
        configuration.apiKeys = keys
        configuration.whipTokens = whipTokens
        configuration.maximumUploadBytes = limits.maxUploadMb << 20
        do { configuration.publicURL = try AppConfiguration.publicURL(http.publicUrl) } catch { throw ValidationError(error.message) }
        configuration.cluster = try cluster.settings(httpPort: http.httpPort)
        if keys.isEmpty {
            logger.warning("no API key (--api-key): anyone who can reach the HTTP port on \(listenHost) may use the API and the jobs page")
        }

        let app: TesseraApp
        do { app = try await TesseraApp.build(configuration, logger: logger) } catch let error as AppError {
            throw CLIError(error.description)
        } catch let error as MediaPortTaken {
            throw CLIError(error.description)
        }
        let mediaPorts = app.media.ports.map(String.init).joined(separator: ",")
        do {
            try await app.run(graceSeconds: http.shutdownGrace) { port in
                // One line on standard output that scripts and tests wait for.
                let line = "tessera: listening on http://\(listenHost):\(port), media on udp \(mediaPorts), announcing \(candidates.joined(separator: " ")); open http://\(listenHost):\(port)/ for the jobs page\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch let error as AppError {
            throw CLIError(error.description)
        }
        logger.info("stopped: every dump closed")
    }

    /// The job service's settings from the flags.
    func serviceConfiguration() throws -> JobService.Configuration {
        var configuration = JobService.Configuration(dataDirectory: jobs.dataDir)
        if let capacity = limits.capacity { configuration.capacity = capacity }
        configuration.diskFloorBytes = limits.diskFloorMb << 20
        configuration.liveLatencyMicros = jobs.liveLatencyMs * 1000
        guard limits.maxRenderHours > 0, limits.maxRenderHours <= 24 * 365 else { throw ValidationError("--max-render-hours: more than 0, at most a year") }
        configuration.maximumRenderMicros = Int64(limits.maxRenderHours * 3_600_000_000)
        configuration.webhookURL = jobs.webhookUrl
        configuration.webhookDenyInternal = jobs.webhookDenyPrivate
        configuration.webhookSecret = jobs.webhookSecret ?? ProcessInfo.processInfo.environment["TESSERA_WEBHOOK_SECRET"]
        configuration.autoRecord = rooms.autoRecord || rooms.autoRecordDumpOnly
        configuration.autoRecordComposite = !rooms.autoRecordDumpOnly
        let hostList = { (list: String) in Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) }
        configuration.sourceHosts = rooms.sourceHosts.map(hostList)
        configuration.streamHosts = rooms.streamHosts.map(hostList)
        configuration.storage = try storage.settings()
        return configuration
    }

    /// Who may publish over WHIP: the WHIP token if given; else, when the API
    /// is protected, its keys (unless `--whip-open`); else anyone.
    static func ports(_ text: String) throws -> [Int] {
        let bounds = text.split(separator: "-").map { Int($0) }
        switch bounds.count {
        case 1:
            guard let port = bounds[0], (0...65_535).contains(port) else { throw ValidationError("--rtc-port \(text): not a port") }
            return [port]
        case 2:
            guard let first = bounds[0], let last = bounds[1], first > 0, first <= last, last <= 65_535, last - first < 1024 else {
                throw ValidationError("--rtc-port \(text): a range is FIRST-LAST, at most 1024 ports")
            }
            return Array(first...last)
        default:
            throw ValidationError("--rtc-port \(text): a port or FIRST-LAST")
        }
    }

    /// IPv4 addresses of the machine's interfaces (loopback included, so
    /// publishers on the same machine connect), or the bound address itself.
    static func interfaceAddresses(bound: String) -> [String] {
        if bound != "0.0.0.0" && bound != "::" { return [bound] }
        let devices = (try? System.enumerateDevices()) ?? []
        var addresses: [String] = []
        for device in devices {
            guard let address = device.address, case .v4 = address, let ip = address.ipAddress, !addresses.contains(ip) else { continue }
            addresses.append(ip)
        }
        // Real interfaces first, loopback last.
        return addresses.filter { !$0.hasPrefix("127.") } + addresses.filter { $0.hasPrefix("127.") }
    }
}
