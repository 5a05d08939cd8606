import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Rooms
import Server
import WebRTC
import WebRTCDriver

/// `tessera serve`: the HTTP server (WHIP for now) and the UDP media port(s).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs the recording server: WHIP publishers are recorded into one RTP dump per room.",
        discussion: """
            POST an SDP offer to http://HOST:PORT/whip/ROOM (RFC 9725). Each room's dump is written under \
            DATA-DIR/rooms/ROOM/ while it has publishers. SIGINT or SIGTERM ends every session, closes the dumps and exits.
            """)

    @Option(help: "Address the HTTP server listens on.") var httpHost = "127.0.0.1"
    @Option(help: "HTTP port (0 picks a free one).") var httpPort = 8080
    @Option(help: "Address the UDP media sockets bind to.") var rtcHost = "0.0.0.0"
    @Option(help: "UDP media port, or a range FIRST-LAST (0 picks a free port). All peers may share one port.")
    var rtcPort = "50000"
    @Option(help: "Address to announce as the host candidate (repeatable); for a server behind 1:1 NAT, its public address. Default: every IPv4 interface address.")
    var publicIp: [String] = []
    @Option(help: "Directory for dumps and recordings.") var dataDir = "./data"
    @Option(help: "Bearer token WHIP publishers must send (default: $TESSERA_WHIP_TOKEN, or none).") var whipToken: String?
    @Option(help: "ICE server URL announced to publishers in Link headers (repeatable), e.g. stun:stun.example.net:3478.")
    var iceServer: [String] = []
    @Option(help: "STUN server (HOST:PORT) to learn this server's public address from, announced as a server-reflexive candidate.")
    var stunServer: String?
    @Option(help: "Bitrate, in bits/s, that REMB asks each publisher for.") var recordingBitrate: UInt64 = 4_000_000
    @Option(help: "Seconds of silence (no ICE checks or answers) after which a publisher is gone and its tracks end (RFC 7675: 30).")
    var consentTimeout = 30
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"

    func run() async throws {
        let ports = try Self.ports(rtcPort)
        var logger = Logger(label: "tessera")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let candidates = publicIp.isEmpty ? Self.interfaceAddresses(bound: rtcHost) : publicIp
        guard !candidates.isEmpty else { throw ValidationError("no address to announce: pass --public-ip") }

        let media = try await UDPMediaServer.start(host: rtcHost, ports: ports, group: MultiThreadedEventLoopGroup.singleton)
        var reflexive: [Int: String] = [:]
        if let stunServer {
            guard let colon = stunServer.lastIndex(of: ":"), let stunPort = Int(stunServer[stunServer.index(after: colon)...]) else {
                throw ValidationError("--stun-server \(stunServer): expected HOST:PORT")
            }
            let found = await media.discoverReflexiveAddresses(stunServer: String(stunServer[..<colon]), port: stunPort)
            for (port, address) in found {
                reflexive[port] = address.ip.count == 4 ? address.ip.map(String.init).joined(separator: ".") + " \(address.port)" : nil
            }
            if found.isEmpty { logger.warning("no answer from the STUN server: no server-reflexive candidate", metadata: ["server": .string(stunServer)]) }
            for (port, address) in reflexive { logger.info("server-reflexive address", metadata: ["port": .stringConvertible(port), "address": .string(address)]) }
        }
        var whipConfiguration = WHIPEndpoint.Configuration(dataDirectory: dataDir, candidateAddresses: candidates,
                                 bearerToken: whipToken ?? ProcessInfo.processInfo.environment["TESSERA_WHIP_TOKEN"],
                                 iceServers: iceServer, recordingBitrate: recordingBitrate,
                                 consentTimeoutMicros: Int64(Swift.max(1, consentTimeout)) * 1_000_000)
        whipConfiguration.reflexiveAddresses = reflexive
        let whip = try WHIPEndpoint(configuration: whipConfiguration, media: media, logger: logger)
        let router = Router()
        WHIPRoutes.add(to: router, endpoint: whip)
        router.get("healthz") { _, _ in "ok\n" }
        let mediaPorts = media.ports.map(String.init).joined(separator: ",")
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(httpHost, port: httpPort), serverName: "tessera"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                // One line on standard output that scripts and tests wait for.
                let line = "tessera: listening on http://\(httpHost):\(port), media on udp \(mediaPorts), announcing \(candidates.joined(separator: " "))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        await whip.shutdown()
        logger.info("stopped: every dump closed")
    }

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
