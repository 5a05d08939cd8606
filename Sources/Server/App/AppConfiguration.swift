import Cluster
import Foundation
import Jobs

/// Everything the service needs to run, already checked: what `tessera serve`
/// makes of its flags, and what a test builds the app from.
public struct AppConfiguration: Sendable {
    public var httpHost = "127.0.0.1"
    /// 0 picks a free port (`TesseraApp.run` reports the one taken).
    public var httpPort = 8080
    public var httpIdleTimeoutSeconds = 30
    public var rtcHost = "0.0.0.0"
    public var rtcPorts: [Int] = [50000]
    /// Addresses announced as host candidates.
    public var candidateAddresses: [String]
    /// A STUN server (host, port) to learn the server-reflexive address from.
    public var stunServer: (host: String, port: Int)?
    public var iceServers: [String] = []
    public var recordingBitrate: UInt64 = 4_000_000
    public var consentTimeoutMicros: Int64 = 30_000_000
    public var connectTimeoutMicros: Int64 = 30_000_000
    /// Bearer keys for /v1 (none: open, and the caller binds loopback only).
    public var apiKeys: [String] = []
    /// Bearer tokens for WHIP (none: open).
    public var whipTokens: [String] = []
    public var maximumUploadBytes: Int64 = 2048 << 20
    /// Where clients reach the server (`https://rec.example.com`, no trailing
    /// slash), for the absolute URLs the API returns; nil: the request's Host.
    public var publicURL: String?
    public var service: JobService.Configuration
    /// Several machines on one PostgreSQL (`--database`); nil: SQLite in the data directory, one node.
    /// Its capacity is taken from `service`, its URL from `publicURL` or the HTTP address when left empty.
    public var cluster: PostgresCluster.Settings?

    public var dataDirectory: String { service.dataDirectory }

    /// A setting that cannot be used, and why.
    public struct Invalid: Error, Sendable {
        public var message: String
    }

    /// Who may publish over WHIP: the token given; else, with API keys and
    /// not `open`, the holders of an API key; else anyone. WHIP is closed
    /// when the API is, unless said otherwise.
    public static func whipTokens(given: String?, apiKeys: [String], open: Bool) throws(Invalid) -> [String] {
        if let given {
            guard !given.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Invalid(message: "the WHIP token (--whip-token or TESSERA_WHIP_TOKEN) is empty: give a token, or leave it unset")
            }
            return [given]
        }
        return open ? [] : apiKeys
    }

    /// `--public-url`: an http or https URL with a host and at most a path
    /// prefix, kept without its trailing slash.
    public static func publicURL(_ given: String?) throws(Invalid) -> String? {
        guard let given else { return nil }
        guard given.count <= 512, given.unicodeScalars.allSatisfy({ (0x21...0x7e).contains($0.value) }),
              let url = URL(string: given), ["http", "https"].contains(url.scheme ?? ""), !(url.host ?? "").isEmpty,
              url.query == nil, url.fragment == nil else {
            throw Invalid(message: "--public-url \(given): expected http:// or https:// with a host, such as https://rec.example.com")
        }
        return given.hasSuffix("/") ? String(given.dropLast()) : given
    }

    public init(candidateAddresses: [String], service: JobService.Configuration) {
        self.candidateAddresses = candidateAddresses
        self.service = service
    }
}
