/// What `tessera inspect` reports about a dump. Times are seconds from the
/// dump's anchor; `--json` prints this structure as is.
public struct InspectReport: Codable, Sendable {
    public struct Gap: Codable, Equatable, Sendable {
        public var atSeconds: Double
        public var lengthSeconds: Double
    }

    public struct Resolution: Codable, Equatable, Sendable {
        public var width: Int
        public var height: Int
        public var atSeconds: Double
    }

    public struct Track: Codable, Sendable {
        public var id: UInt16
        public var participantID: String
        public var participantName: String?
        public var kind: String
        public var codec: String
        /// False when tessera has no depacketizer for the codec.
        public var supported: Bool
        public var clockRate: Int
        public var ssrcs: [UInt32] = []
        public var packets = 0
        public var bytes = 0
        public var paddingPackets = 0
        public var retransmissions = 0
        public var rtcpPackets = 0
        public var senderReports = 0
        public var firstArrivalSeconds: Double?
        public var lastArrivalSeconds: Double?
        /// From the RTP timestamps: last minus first, plus one frame.
        public var durationSeconds = 0.0
        public var expectedPackets = 0
        public var lostPackets = 0
        public var lossPercent = 0.0
        public var duplicatePackets = 0
        public var reorderedPackets = 0
        public var malformedPackets = 0
        public var gaps: [Gap] = []
        public var frames = 0
        public var keyframes = 0
        public var droppedFrames = 0
        public var keyframeRequests = 0
        public var resolutions: [Resolution] = []
    }

    public struct Participant: Codable, Sendable {
        public var id: String
        public var name: String?
        public var tracks: [UInt16]
    }

    public var path: String?
    public var sessionID: String?
    public var room: String?
    public var source: String?
    public var startedAtMicros: Int64?
    public var formatVersion: String?
    public var durationSeconds = 0.0
    public var records = 0
    public var participants: [Participant] = []
    public var tracks: [Track] = []
    public var events: [String: Int] = [:]
    /// Packets whose track id has no track record.
    public var orphanPackets = 0
    public var skipped: [SkippedSpan] = []
    public var corruptTailBytes: Int64 = 0
    /// Set when the file could not be read at all.
    public var error: String?
}
