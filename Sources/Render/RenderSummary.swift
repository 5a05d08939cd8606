import Dump

/// What a render did, for the CLI's summary and the job record.
public struct RenderSummary: Codable, Sendable {
    public struct Track: Codable, Sendable {
        public var id: UInt16
        public var participantID: String
        public var kind: String
        public var codec: String
        public var packets = 0
        /// Frames the assembler put together, and those it had to drop (by reason).
        public var framesAssembled = 0
        public var framesDroppedByReason: [String: Int] = [:]
        /// Video: decoded, shown on at least one output frame, decoded but
        /// replaced before an output frame showed them, skipped while waiting
        /// for a keyframe, failed to decode.
        public var framesDecoded = 0
        public var framesShown = 0
        public var framesSuperseded = 0
        public var framesSkippedWithoutReference = 0
        public var decodeErrors = 0
        /// Keyframes refused unread for claiming a picture past `AssembledFrame.maximumPixels`.
        public var framesRefusedOversize = 0
        public var resolutions: [String] = []
        /// Audio: milliseconds made up by loss concealment / FEC.
        public var concealedMilliseconds = 0
        /// Audio: packets stretched or squeezed (≤ 1 %) to follow the track's clock.
        public var timingCorrections = 0
        /// Timestamp jumps and resets that started a new timeline segment.
        public var timelineResets = 0
        /// Whether lip sync used RTCP sender reports (else arrival times).
        public var syncedBySenderReports = false
    }

    public var output: String = ""
    public var durationSeconds = 0.0
    public var framesWritten = 0
    /// Output frames on which no tile got a new picture (sources slower than the output rate, gaps).
    public var framesRepeated = 0
    /// Output frames a live render did not draw because it was behind the call (`LivePacing`).
    public var framesSkippedBehind = 0
    /// How often the active speaker changed (layouts with a speaker region use it).
    public var speakerChanges = 0
    public var audioSamplesWritten: Int64 = 0
    /// 1 when every source was mono, else 2 (or as asked).
    public var audioChannels = 2
    /// Audio samples that came after their part of the mix was written (lost).
    public var audioLateSamples: Int64 = 0
    public var tilesScaled = 0
    public var tilesReused = 0
    public var skippedSpans: [SkippedSpan] = []
    /// The output stopped at `RenderSettings.maximumDurationMicros` before the session's end.
    public var truncatedByDurationLimit = false
    public var tracks: [Track] = []
    public var wallSeconds = 0.0
    public var speed: Double { wallSeconds > 0 ? durationSeconds / wallSeconds : 0 }

    public init() {}
}
