/// One incoming stream of a connection, as the recorder should describe it.
public struct ConnectionTrack: Equatable, Sendable {
    /// Unique within the connection, in order of first packet.
    public var index: Int
    public var mid: String
    /// "audio" or "video".
    public var kind: String
    public var codec: NegotiatedMedia.Codec
    public var ssrc: UInt32
    public var retransmissionSSRC: UInt32?
    /// The sender's track id from `msid`, else the mid.
    public var name: String
    /// RTX payload type → the payload type it repairs.
    public var retransmissionPayloadTypes: [UInt8: UInt8]
    public var headerExtensions: [UInt8: String]
}

/// Counters a connection keeps, for logs, metrics and tests.
public struct ConnectionStatistics: Equatable, Sendable {
    public var datagramsReceived = 0
    public var bytesReceived = 0
    public var rtpPackets = 0
    public var rtcpPackets = 0
    public var retransmissionsReceived = 0
    /// Dropped before or after decryption, by reason.
    public var rejected: [String: Int] = [:]
    public var nacksSent = 0
    public var nackedPackets = 0
    public var pictureLossIndicationsSent = 0
    public var receiverReportsSent = 0

    mutating func reject(_ reason: String) { rejected[reason, default: 0] += 1 }
}

/// A connection's counters when it ends, for the log and the job's record.
public struct ConnectionSummary: Equatable, Sendable, CustomStringConvertible {
    public var statistics: ConnectionStatistics
    public var nack: NackGenerator.Statistics
    public var keyframes: Int
    public var tracks: Int

    public var description: String {
        let rejected = statistics.rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(tracks) tracks, \(statistics.rtpPackets) RTP / \(statistics.rtcpPackets) RTCP packets, "
            + "missing \(nack.missing), reordered \(nack.reordered), NACKed \(nack.requested), recovered \(nack.recovered), given up \(nack.givenUp), "
            + "\(statistics.retransmissionsReceived) retransmissions, \(statistics.pictureLossIndicationsSent) PLIs, \(keyframes) keyframes"
            + (rejected.isEmpty ? "" : ", rejected: " + rejected)
    }
}
