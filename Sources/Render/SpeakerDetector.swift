/// Who is speaking, from each participant's audio level over time, without
/// flicker: levels are smoothed, a new speaker must be clearly louder than
/// the current one (twice the level) for a while before taking over, and a
/// speaker holds the floor for a minimum time. Sans-I/O: levels and times
/// come in, the speaker comes out.
public struct SpeakerDetector: Sendable {
    public struct Settings: Sendable {
        /// RMS below this is silence (about -50 dBFS).
        public var threshold = 0.003
        /// Smoothing time constant of the levels.
        public var smoothingMicros: Int64 = 300_000
        /// How long a challenger must be louder before it takes over.
        public var switchAfterMicros: Int64 = 800_000
        /// How long a speaker keeps the floor at least.
        public var minimumHoldMicros: Int64 = 2_000_000
        /// How much louder a challenger must be.
        public var margin = 2.0
        public init() {}
    }

    public let settings: Settings
    public private(set) var speaker: String?
    public private(set) var switches = 0
    private var levels: [String: Double] = [:]
    private var lastTime: Int64?
    private var speakerSince: Int64 = 0
    private var challenger: (id: String, since: Int64)?

    public init(settings: Settings = Settings()) { self.settings = settings }

    /// Takes the levels (RMS, 0…1) measured since the last call, at `time`
    /// (µs); participants not listed are silent. Returns the speaker.
    public mutating func update(_ measured: [String: Double], at time: Int64) -> String? {
        let elapsed = lastTime.map { Swift.max(0, time - $0) } ?? settings.smoothingMicros
        lastTime = time
        let weight = Swift.min(1, Double(elapsed) / Double(settings.smoothingMicros))
        for id in Set(levels.keys).union(measured.keys) {
            levels[id] = (levels[id] ?? 0) * (1 - weight) + (measured[id] ?? 0) * weight
        }
        guard let (loudest, level) = levels.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), level >= settings.threshold else {
            challenger = nil
            return speaker
        }
        guard let current = speaker else {
            speaker = loudest
            speakerSince = time
            return speaker
        }
        let currentLevel = levels[current] ?? 0
        guard loudest != current, level > currentLevel * settings.margin else {
            challenger = nil
            return speaker
        }
        if challenger?.id != loudest { challenger = (loudest, time) }
        if time - challenger!.since >= settings.switchAfterMicros && time - speakerSince >= settings.minimumHoldMicros {
            speaker = loudest
            speakerSince = time
            challenger = nil
            switches += 1
        }
        return speaker
    }

    /// A participant who left no longer holds the floor.
    public mutating func remove(_ id: String) {
        levels[id] = nil
        if speaker == id { speaker = nil }
        if challenger?.id == id { challenger = nil }
    }
}
