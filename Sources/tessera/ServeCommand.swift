import ArgumentParser
import Foundation
import Jobs
import Logging
import Media
import NIOCore
import NIOPosix
import Server

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
            """)

    @Option(help: "Address the HTTP server listens on.") var httpHost = "127.0.0.1"
    @Option(help: "HTTP port (0 picks a free one).") var httpPort = 8080
    @Option(help: "Address the UDP media sockets bind to.") var rtcHost = "0.0.0.0"
    @Option(help: "UDP media port, or a range FIRST-LAST (0 picks a free port). All peers may share one port.")
    var rtcPort = "50000"
    @Option(help: "Address to announce as the host candidate (repeatable); for a server behind 1:1 NAT, its public address. Default: every IPv4 interface address.")
    var publicIp: [String] = []
    @Option(help: "Directory for dumps and recordings.") var dataDir = "./data"
    @Option(help: "Bearer token WHIP publishers must send (default: $TESSERA_WHIP_TOKEN; without one, the API keys when any is set).") var whipToken: String?
    @Flag(help: "With --api-key and no --whip-token: let WHIP publishers in without a token.") var whipOpen = false
    @Option(help: "Longest output one render makes, in hours.") var maxRenderHours = 24.0
    @Option(help: "ICE server URL announced to publishers in Link headers (repeatable), e.g. stun:stun.example.net:3478.")
    var iceServer: [String] = []
    @Option(help: "STUN server (HOST:PORT) to learn this server's public address from, announced as a server-reflexive candidate.")
    var stunServer: String?
    @Option(help: "Bitrate, in bits/s, that REMB asks each publisher for.") var recordingBitrate: UInt64 = 4_000_000
    @Option(help: "Seconds of silence (no ICE checks or answers) after which a publisher is gone and its tracks end (RFC 7675: 30).")
    var consentTimeout = 30
    @Option(help: "Seconds a publisher may take to connect (ICE and DTLS) after its offer before its session is dropped.")
    var connectTimeout = 30
    @Option(help: "Seconds an HTTP connection may sit idle, or take to send a request's head, before it is closed.")
    var httpIdleTimeout = 30
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"
    @Option(help: "API key clients send as Authorization: Bearer KEY (repeatable; default: $TESSERA_API_KEY). Without one the HTTP server binds to loopback only.")
    var apiKey: [String] = []
    @Flag(help: "Record every room from its first publisher until its last one leaves.") var autoRecord = false
    @Flag(help: "With --auto-record: keep the dumps only (no live composite), the cheapest capture.") var autoRecordDumpOnly = false
    @Option(help: "Capacity in cost units (a live composite costs 4, a render 3, a dump-only recording 1). Default: 6 per core.")
    var capacity: Int?
    @Option(help: "Refuse new jobs, and end running recordings, below this many MB free in the data directory.")
    var diskFloorMb: Int64 = 512
    @Option(help: "How far (ms) the live composite runs behind the newest packet.") var liveLatencyMs: Int64 = 1000
    @Option(help: "Webhook URL that hears every job's state changes (a job's own webhookUrl takes precedence).") var webhookUrl: String?
    @Flag(help: "Refuse webhook URLs whose host is or resolves to a loopback, private or link-local address.")
    var webhookDenyPrivate = false
    @Option(help: "Secret that signs webhooks (Tessera-Signature; default: $TESSERA_WEBHOOK_SECRET).") var webhookSecret: String?
    @Option(help: "Seconds SIGTERM waits for running recordings to finish their files.") var shutdownGrace = 20.0
    @Option(help: "Largest upload (POST /v1/uploads), in MB.") var maxUploadMb: Int64 = 2048
    @Option(help: "Hosts (names or addresses, comma-separated) that WHEP and Janus sources may name; others are refused with 403. Default: any.")
    var sourceHosts: String?

    func run() async throws {
        let ports = try Self.ports(rtcPort)
        var logger = Logger(label: "tessera")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        LibavLogging.set(verbose: logger.logLevel <= .debug)
        let keys = apiKey.isEmpty ? (ProcessInfo.processInfo.environment["TESSERA_API_KEY"].map { [$0] } ?? []) : apiKey
        // An empty key would open the API while the server believed it protected.
        if keys.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("an API key (--api-key or TESSERA_API_KEY) is empty: give a key, or leave it unset for a loopback-only server")
        }
        let whipTokens: [String]
        do {
            whipTokens = try AppConfiguration.whipTokens(given: whipToken ?? ProcessInfo.processInfo.environment["TESSERA_WHIP_TOKEN"],
                                                         apiKeys: keys, open: whipOpen)
        } catch { throw ValidationError(error.message) }
        if whipTokens.isEmpty && !keys.isEmpty {
            logger.warning("--whip-open: anyone who reaches the HTTP port may publish into rooms (and start recordings with --auto-record)")
        }
        let loopbackOnly = keys.isEmpty && !["127.0.0.1", "::1", "localhost"].contains(self.httpHost)
        if loopbackOnly {
            logger.warning("no API key (--api-key): the HTTP server binds to 127.0.0.1 only", metadata: ["asked": .string(self.httpHost)])
        }
        let httpHost = loopbackOnly ? "127.0.0.1" : self.httpHost
        let candidates = publicIp.isEmpty ? Self.interfaceAddresses(bound: rtcHost) : publicIp
        guard !candidates.isEmpty else { throw ValidationError("no address to announce: pass --public-ip") }
        var configuration = AppConfiguration(candidateAddresses: candidates, service: try serviceConfiguration())
        configuration.httpHost = httpHost
        configuration.httpPort = httpPort
        configuration.httpIdleTimeoutSeconds = httpIdleTimeout
        configuration.rtcHost = rtcHost
        configuration.rtcPorts = ports
        if let stunServer {
            guard let colon = stunServer.lastIndex(of: ":"), let stunPort = Int(stunServer[stunServer.index(after: colon)...]) else {
                throw ValidationError("--stun-server \(stunServer): expected HOST:PORT")
            }
            configuration.stunServer = (String(stunServer[..<colon]), stunPort)
        }
        configuration.iceServers = iceServer
        configuration.recordingBitrate = recordingBitrate
        configuration.consentTimeoutMicros = Int64(Swift.max(1, consentTimeout)) * 1_000_000
        configuration.connectTimeoutMicros = Int64(Swift.max(1, connectTimeout)) * 1_000_000
        configuration.apiKeys = keys
        configuration.whipTokens = whipTokens
        configuration.maximumUploadBytes = maxUploadMb << 20

        let app = try await TesseraApp.build(configuration, logger: logger)
        let mediaPorts = app.media.ports.map(String.init).joined(separator: ",")
        do {
            try await app.run(graceSeconds: shutdownGrace) { port in
                // One line on standard output that scripts and tests wait for.
                let line = "tessera: listening on http://\(httpHost):\(port), media on udp \(mediaPorts), announcing \(candidates.joined(separator: " ")); open http://\(httpHost):\(port)/ for the jobs page\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch let error as AppError {
            throw ValidationError(error.description)
        }
        logger.info("stopped: every dump closed")
    }

    /// The job service's settings from the flags.
    func serviceConfiguration() throws -> JobService.Configuration {
        var configuration = JobService.Configuration(dataDirectory: dataDir)
        if let capacity { configuration.capacity = capacity }
        configuration.diskFloorBytes = diskFloorMb << 20
        configuration.liveLatencyMicros = liveLatencyMs * 1000
        guard maxRenderHours > 0, maxRenderHours <= 24 * 365 else { throw ValidationError("--max-render-hours: more than 0, at most a year") }
        configuration.maximumRenderMicros = Int64(maxRenderHours * 3_600_000_000)
        configuration.webhookURL = webhookUrl
        configuration.webhookDenyInternal = webhookDenyPrivate
        configuration.webhookSecret = webhookSecret ?? ProcessInfo.processInfo.environment["TESSERA_WEBHOOK_SECRET"]
        configuration.autoRecord = autoRecord || autoRecordDumpOnly
        configuration.autoRecordComposite = !autoRecordDumpOnly
        configuration.sourceHosts = sourceHosts.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) }
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
