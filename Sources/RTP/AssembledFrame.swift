/// A whole codec frame put together from the packets of one track.
public struct AssembledFrame: Sendable {
    /// The RTP timestamp, extended to 64 bits.
    public var timestamp: Int64
    public var firstSequence: Int64
    public var lastSequence: Int64
    /// Arrival time of the frame's first and last packets, microseconds.
    public var firstArrival: Int64
    public var lastArrival: Int64
    /// The codec bitstream (Annex-B for H.264).
    public var data: [UInt8]
    public var isKeyframe: Bool
    public var width: Int?
    public var height: Int?
    /// False when a frame was lost since the last keyframe: a decoder should
    /// not decode this frame, since the picture it refers to is missing.
    public var referencesIntact: Bool

    public var packetCount: Int { Int(lastSequence - firstSequence + 1) }

    /// The largest picture decoded (4096x2304, a little over 4K UHD): a
    /// decoder for a crafted 16384x16384 stream would cost a gigabyte.
    public static let maximumPixels = 4096 * 2304

    /// Whether the keyframe's header (VP8, VP9) or SPS (H.264) claims a
    /// picture larger than `maximumPixels`. (Both sides are at most 16384.)
    public var exceedsPixelLimit: Bool { (width ?? 0) * (height ?? 0) > Self.maximumPixels }
}

/// A frame that could not be put together, and why.
public struct DroppedFrame: Equatable, Sendable {
    public enum Reason: String, Sendable, Codable {
        /// A packet of the frame never arrived within the wait window.
        case incomplete
        /// The frame's first packet (partition head) never arrived.
        case missingStart
        /// A packet of the frame was malformed.
        case malformed
    }

    public var timestamp: Int64
    public var reason: Reason
    public var packets: Int
}

/// What the assembler has to say, in order.
public enum FrameAssemblerEvent: Sendable {
    case frame(AssembledFrame)
    case dropped(DroppedFrame)
    /// The decoder lost its reference: ask the sender for a keyframe (PLI).
    /// Said once per loss until a keyframe arrives.
    case keyframeNeeded
}

/// Counters kept by the assembler.
public struct FrameAssemblerStatistics: Equatable, Sendable, Codable {
    public var packets = 0
    public var paddingPackets = 0
    public var duplicatePackets = 0
    /// Packets that arrived after their place had been given up on.
    public var latePackets = 0
    public var malformedPackets = 0
    /// Sequence numbers given up on because they never arrived.
    public var lostPackets = 0
    /// Jumps of more than the window in sequence numbers (a sender reset).
    public var sequenceJumps = 0
    public var framesEmitted = 0
    public var keyframesEmitted = 0
    /// Frames emitted while the reference was broken (after a loss, before a keyframe).
    public var framesWithoutReference = 0
    public var framesDropped = 0
    public var keyframeRequests = 0

    public init() {}
}
