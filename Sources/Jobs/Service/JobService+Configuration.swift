import Foundation

extension JobService {
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
        /// The only hosts live stream destinations may name (lowercased), or nil for any.
        public var streamHosts: Set<String>?
        /// Refuse webhook URLs that reach loopback, private or link-local addresses.
        public var webhookDenyInternal = false
        /// The longest output one render makes (a dump's times may span years).
        public var maximumRenderMicros: Int64 = 86_400_000_000
        /// Object storage for finished files and live dump parts; nil keeps everything in the data directory.
        public var storage: StorageSettings?
        /// The other nodes, when several machines share one store; nil runs everything here.
        public var cluster: (any ClusterWork)?
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
}
