import ArgumentParser

// `tessera serve`'s options, in the groups its --help shows.

struct HTTPOptions: ParsableArguments {
    @Option(help: "Address the HTTP server listens on.") var httpHost = "127.0.0.1"
    @Option(help: "HTTP port (0 picks a free one).") var httpPort = 8080
    @Option(help: "The address clients reach this server at (https://rec.example.com), for the absolute URLs the API returns (call links, download links). Default: the request's Host.")
    var publicUrl: String?
    @Option(help: "API key clients send as Authorization: Bearer KEY (repeatable; default: $TESSERA_API_KEY). Without one the HTTP server binds to loopback only.")
    var apiKey: [String] = []
    @Option(help: "Seconds an HTTP connection may sit idle, or take to send a request's head, before it is closed.")
    var httpIdleTimeout = 30
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"
    @Option(help: "Seconds SIGTERM waits for running recordings to finish their files.") var shutdownGrace = 20.0
}

struct MediaOptions: ParsableArguments {
    @Option(help: "Address the UDP media sockets bind to.") var rtcHost = "0.0.0.0"
    @Option(help: "UDP media port, or a range FIRST-LAST (0 picks a free port). All peers may share one port.")
    var rtcPort = "50000"
    @Option(help: "Address to announce as the host candidate (repeatable); for a server behind 1:1 NAT, its public address. Default: every IPv4 interface address.")
    var publicIp: [String] = []
    @Option(help: "ICE server URL announced to publishers in Link headers (repeatable), e.g. stun:stun.example.net:3478.")
    var iceServer: [String] = []
    @Option(help: "STUN server (HOST:PORT) to learn this server's public address from, announced as a server-reflexive candidate.")
    var stunServer: String?
    @Option(help: "Bitrate, in bits/s, that REMB asks each publisher for.") var recordingBitrate: UInt64 = 4_000_000
    @Option(help: "Seconds of silence (no ICE checks or answers) after which a publisher is gone and its tracks end (RFC 7675: 30).")
    var consentTimeout = 30
    @Option(help: "Seconds a publisher may take to connect (ICE and DTLS) after its offer before its session is dropped.")
    var connectTimeout = 30
}

struct RoomOptions: ParsableArguments {
    @Option(help: "Bearer token WHIP publishers must send (default: $TESSERA_WHIP_TOKEN; without one, the API keys when any is set).") var whipToken: String?
    @Flag(help: "With --api-key and no --whip-token: let WHIP publishers in without a token.") var whipOpen = false
    @Flag(help: "Record every room from its first publisher until its last one leaves.") var autoRecord = false
    @Flag(help: "With --auto-record: keep the dumps only (no live composite), the cheapest capture.") var autoRecordDumpOnly = false
    @Option(help: "Hosts (names or addresses, comma-separated) that WHEP and Janus sources may name; others are refused with 403. Default: any.")
    var sourceHosts: String?
    @Option(help: "Hosts (names or addresses, comma-separated) that live stream destinations (RTMP, SRT) may name; others are refused with 403. Default: any.")
    var streamHosts: String?
}

struct JobOptions: ParsableArguments {
    @Option(help: "Directory for dumps and recordings.") var dataDir = "./data"
    @Option(help: "How far (ms) the live composite runs behind the newest packet.") var liveLatencyMs: Int64 = 1000
    @Option(help: "Webhook URL that hears every job's state changes (a job's own webhookUrl takes precedence).") var webhookUrl: String?
    @Flag(help: "Refuse webhook URLs whose host is or resolves to a loopback, private or link-local address.")
    var webhookDenyPrivate = false
    @Option(help: "Secret that signs webhooks (Tessera-Signature; default: $TESSERA_WEBHOOK_SECRET).") var webhookSecret: String?
}

struct LimitOptions: ParsableArguments {
    @Option(help: "Capacity in cost units (a live composite costs 4, a render 3, a dump-only recording 1). Default: 6 per core.")
    var capacity: Int?
    @Option(help: "Refuse new jobs, and end running recordings, below this many MB free in the data directory.")
    var diskFloorMb: Int64 = 512
    @Option(help: "Longest output one render makes, in hours.") var maxRenderHours = 24.0
    @Option(help: "Largest upload (POST /v1/uploads), in MB.") var maxUploadMb: Int64 = 2048
}
