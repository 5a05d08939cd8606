/// What a datagram on the media port is, by its first byte (RFC 7983 §7):
/// STUN 0–3, DTLS 20–63, RTP/RTCP 128–191; anything else is dropped.
public enum PacketKind: Equatable, Sendable {
    case stun, dtls, rtp, rtcp, unknown

    public init(classifying datagram: ArraySlice<UInt8>) {
        guard let first = datagram.first else { self = .unknown; return }
        switch first {
        case 0...3: self = .stun
        case 20...63: self = .dtls
        case 128...191:
            // RTCP packet types 192–223 (RFC 5761 §4) sit in the second byte.
            if datagram.count >= 2, (192...223).contains(datagram[datagram.startIndex + 1]) { self = .rtcp } else { self = .rtp }
        default: self = .unknown
        }
    }
}
