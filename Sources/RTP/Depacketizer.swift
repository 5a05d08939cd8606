/// What one packet's payload says about the frame it belongs to.
public struct PayloadInfo: Equatable, Sendable {
    /// The packet can begin a frame (a partition head: VP8 S=1 with PID 0,
    /// VP9 B=1 on the base layer, H.264 anything but a non-first FU-A).
    public var isFrameStart: Bool
    /// The payload says a frame ends here; nil when only the marker bit says so.
    public var isFrameEnd: Bool?
    /// The packet carries (the start of) a keyframe: VP8/VP9 key frames,
    /// H.264 IDR slices or SPS. Always true for audio.
    public var isKeyframe: Bool
    /// Coded size where the bitstream carries it (keyframes, SPS, VP9 SS).
    public var width: Int?
    public var height: Int?

    public init(isFrameStart: Bool, isFrameEnd: Bool? = nil, isKeyframe: Bool, width: Int? = nil, height: Int? = nil) {
        self.isFrameStart = isFrameStart
        self.isFrameEnd = isFrameEnd
        self.isKeyframe = isKeyframe
        self.width = width
        self.height = height
    }
}

/// Turns RTP payloads of one codec back into the codec's own frames.
///
/// `inspect` is cheap and runs for every packet on arrival; `append` runs once
/// per packet of a completed frame, in sequence order, and writes the codec
/// bitstream (Annex-B for H.264).
public protocol Depacketizer: Sendable {
    /// Audio codecs put exactly one frame in each packet.
    var framesAreSinglePackets: Bool { get }
    func inspect(_ payload: ArraySlice<UInt8>) throws(RTPError) -> PayloadInfo
    func append(_ payload: ArraySlice<UInt8>, to frame: inout [UInt8]) throws(RTPError)
}

/// The codecs tessera can depacketize, by their SDP encoding names.
public enum RTPCodec: String, Sendable, Codable, CaseIterable {
    case vp8 = "VP8"
    case vp9 = "VP9"
    case h264 = "H264"
    case opus = "opus"
    case pcmu = "PCMU"
    case pcma = "PCMA"

    public enum Kind: String, Sendable, Codable { case audio, video }

    /// Matches an SDP `a=rtpmap` encoding name, case-insensitively (RFC 8866 §6.6).
    public init?(encodingName: String) {
        guard let codec = Self.allCases.first(where: { $0.rawValue.lowercased() == encodingName.lowercased() }) else {
            return nil
        }
        self = codec
    }

    /// The one RTP clock rate each codec uses (RFC 7741 §6.1, RFC 6184 §8.1,
    /// RFC 7587 §7, RFC 3551 §4.5.14): a stream naming another is refused.
    public var clockRate: Int {
        switch self {
        case .vp8, .vp9, .h264: return 90_000
        case .opus: return 48_000
        case .pcmu, .pcma: return 8_000
        }
    }

    public var kind: Kind {
        switch self {
        case .vp8, .vp9, .h264: return .video
        case .opus, .pcmu, .pcma: return .audio
        }
    }

    public func makeDepacketizer() -> any Depacketizer {
        switch self {
        case .vp8: return VP8Depacketizer()
        case .vp9: return VP9Depacketizer()
        case .h264: return H264Depacketizer()
        case .opus: return OpusDepacketizer()
        case .pcmu, .pcma: return G711Depacketizer()
        }
    }
}
