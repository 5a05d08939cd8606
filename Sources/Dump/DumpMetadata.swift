/// Session metadata: the first record of a dump.
public struct DumpSession: Codable, Equatable, Sendable {
    public var id: String
    public var room: String?
    /// Wall-clock start, microseconds since the Unix epoch.
    public var startedAtMicros: Int64
    /// What wrote the dump: "live", "pcap-import", "mjr-import".
    public var source: String

    public init(id: String, room: String? = nil, startedAtMicros: Int64, source: String) {
        self.id = id
        self.room = room
        self.startedAtMicros = startedAtMicros
        self.source = source
    }
}

/// Everything needed to depacketize and place one track, written before its
/// first packet.
public struct DumpTrack: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case audio, video }

    public var id: UInt16
    public var participantID: String
    public var participantName: String?
    /// The sender's name for the track (msid track id, mid, or SDP m-line index).
    public var trackName: String?
    public var kind: Kind
    /// SDP encoding name: VP8, VP9, H264, opus, PCMU, PCMA.
    public var codec: String
    public var clockRate: Int
    public var channels: Int?
    public var formatParameters: String?
    /// The media payload type.
    public var payloadType: UInt8
    /// RTX payload type → the payload type it repairs (RFC 4588).
    public var retransmissionPayloadTypes: [UInt8: UInt8]
    /// Header extension id → URI (RFC 8285).
    public var headerExtensions: [UInt8: String]
    public var ssrc: UInt32?
    public var retransmissionSSRC: UInt32?

    public init(
        id: UInt16, participantID: String, participantName: String? = nil, trackName: String? = nil, kind: Kind,
        codec: String, clockRate: Int, channels: Int? = nil, formatParameters: String? = nil, payloadType: UInt8,
        retransmissionPayloadTypes: [UInt8: UInt8] = [:], headerExtensions: [UInt8: String] = [:],
        ssrc: UInt32? = nil, retransmissionSSRC: UInt32? = nil
    ) {
        self.id = id
        self.participantID = participantID
        self.participantName = participantName
        self.trackName = trackName
        self.kind = kind
        self.codec = codec
        self.clockRate = clockRate
        self.channels = channels
        self.formatParameters = formatParameters
        self.payloadType = payloadType
        self.retransmissionPayloadTypes = retransmissionPayloadTypes
        self.headerExtensions = headerExtensions
        self.ssrc = ssrc
        self.retransmissionSSRC = retransmissionSSRC
    }
}

/// Something that happened in the call, at the record's time.
public struct DumpEvent: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case participantJoined, participantLeft, trackAdded, trackEnded, muted, unmuted, layoutChanged
    }

    public var kind: Kind
    public var participantID: String?
    public var trackID: UInt16?
    /// Free text: a display name on join, a layout name on layoutChanged, a reason on trackEnded.
    public var detail: String?

    public init(kind: Kind, participantID: String? = nil, trackID: UInt16? = nil, detail: String? = nil) {
        self.kind = kind
        self.participantID = participantID
        self.trackID = trackID
        self.detail = detail
    }
}

/// One record of a dump. Packet bytes are views into the reader's buffer.
public enum DumpRecord: Sendable {
    case session(DumpSession)
    case track(DumpTrack)
    case rtp(track: UInt16, bytes: ArraySlice<UInt8>)
    case rtcp(track: UInt16, bytes: ArraySlice<UInt8>)
    case event(DumpEvent)
    /// A record type this reader does not know (from a newer minor version).
    case unknown(type: UInt8)
}

/// A record with its time (microseconds since the header's anchor) and where it sits.
public struct TimedDumpRecord: Sendable {
    public var time: Int64
    public var record: DumpRecord
    public var offset: Int64
}

/// A span of bytes the reader could not use.
public struct SkippedSpan: Equatable, Sendable, Codable {
    public var offset: Int64
    public var length: Int64
    /// True for an incomplete or damaged tail at the end of the file.
    public var atEnd: Bool
}
