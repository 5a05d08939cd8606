/// A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900 and a binary fraction.
public struct NTPTimestamp: Equatable, Hashable, Sendable {
    public var seconds: UInt32
    public var fraction: UInt32

    public init(seconds: UInt32, fraction: UInt32) {
        self.seconds = seconds
        self.fraction = fraction
    }

    public init(raw: UInt64) {
        self.init(seconds: UInt32(truncatingIfNeeded: raw >> 32), fraction: UInt32(truncatingIfNeeded: raw))
    }

    public var raw: UInt64 { UInt64(seconds) << 32 | UInt64(fraction) }
    /// The middle 32 bits, as echoed in a report block's LSR field (RFC 3550 §6.4.1).
    public var middle32: UInt32 { UInt32(truncatingIfNeeded: raw >> 16) }
    /// Microseconds since 1900-01-01.
    public var microseconds: Int64 { Int64(seconds) * 1_000_000 + Int64((UInt64(fraction) * 1_000_000) >> 32) }
    /// Seconds between 1900 (NTP epoch) and 1970 (Unix epoch).
    public static let unixEpochOffset: Int64 = 2_208_988_800
}

/// A reception report block (RFC 3550 §6.4.1).
public struct RTCPReportBlock: Equatable, Sendable {
    public var ssrc: UInt32
    public var fractionLost: UInt8
    /// 24-bit signed cumulative number of packets lost.
    public var cumulativeLost: Int32
    public var extendedHighestSequence: UInt32
    public var jitter: UInt32
    public var lastSenderReport: UInt32
    public var delaySinceLastSenderReport: UInt32

    public init(
        ssrc: UInt32, fractionLost: UInt8 = 0, cumulativeLost: Int32 = 0, extendedHighestSequence: UInt32 = 0,
        jitter: UInt32 = 0, lastSenderReport: UInt32 = 0, delaySinceLastSenderReport: UInt32 = 0
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }
}

/// SR (RFC 3550 §6.4.1): ties the sender's RTP clock to its NTP wall clock,
/// which is what lip sync between a participant's tracks rests on.
public struct RTCPSenderReport: Equatable, Sendable {
    public var ssrc: UInt32
    public var ntpTime: NTPTimestamp
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    public var octetCount: UInt32
    public var reports: [RTCPReportBlock]

    public init(
        ssrc: UInt32, ntpTime: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32,
        reports: [RTCPReportBlock] = []
    ) {
        self.ssrc = ssrc
        self.ntpTime = ntpTime
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reports = reports
    }
}

/// RR (RFC 3550 §6.4.2).
public struct RTCPReceiverReport: Equatable, Sendable {
    public var ssrc: UInt32
    public var reports: [RTCPReportBlock]

    public init(ssrc: UInt32, reports: [RTCPReportBlock] = []) {
        self.ssrc = ssrc
        self.reports = reports
    }
}

/// SDES (RFC 3550 §6.5): per-source items such as CNAME.
public struct RTCPSourceDescription: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public static let cname: UInt8 = 1
        public var type: UInt8
        public var value: [UInt8]
        public init(type: UInt8, value: [UInt8]) {
            self.type = type
            self.value = value
        }
        public var text: String { String(decoding: value, as: UTF8.self) }
    }

    public struct Chunk: Equatable, Sendable {
        public var ssrc: UInt32
        public var items: [Item]
        public init(ssrc: UInt32, items: [Item]) {
            self.ssrc = ssrc
            self.items = items
        }
        public var cname: String? { items.first { $0.type == Item.cname }?.text }
    }

    public var chunks: [Chunk]
    public init(chunks: [Chunk]) { self.chunks = chunks }
}

/// BYE (RFC 3550 §6.6).
public struct RTCPGoodbye: Equatable, Sendable {
    public var ssrcs: [UInt32]
    public var reason: String?
    public init(ssrcs: [UInt32], reason: String? = nil) {
        self.ssrcs = ssrcs
        self.reason = reason
    }

    /// A reason as text that fits the one-byte length it is written with
    /// (RFC 3550 §6.6): bytes that are not UTF-8 become U+FFFD, and whole
    /// characters are kept up to 255 bytes, so it writes and reads back the same.
    public static func reasonText(_ bytes: ArraySlice<UInt8>) -> String {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        while text.utf8.count > 255 { text.removeLast() }
        return String(text)
    }
}

/// Generic NACK (RFC 4585 §6.2.1): packet ids with a bitmask of the 16 that follow.
public struct RTCPNack: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public var packetID: UInt16
        public var bitmask: UInt16
        public init(packetID: UInt16, bitmask: UInt16) {
            self.packetID = packetID
            self.bitmask = bitmask
        }
    }

    public var senderSSRC: UInt32
    public var mediaSSRC: UInt32
    public var items: [Item]

    public init(senderSSRC: UInt32, mediaSSRC: UInt32, items: [Item]) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
        self.items = items
    }

    /// Packs lost sequence numbers (in ascending order, wrap allowed) into the
    /// fewest items.
    public init(senderSSRC: UInt32, mediaSSRC: UInt32, lost: [UInt16]) {
        var items: [Item] = []
        for seq in lost {
            if var last = items.last {
                let distance = seq &- last.packetID
                if distance >= 1 && distance <= 16 {
                    last.bitmask |= 1 << (distance - 1)
                    items[items.count - 1] = last
                    continue
                }
                if distance == 0 { continue }
            }
            items.append(Item(packetID: seq, bitmask: 0))
        }
        self.init(senderSSRC: senderSSRC, mediaSSRC: mediaSSRC, items: items)
    }

    /// Every sequence number the items name.
    public var lostSequenceNumbers: [UInt16] {
        var out: [UInt16] = []
        for item in items {
            out.append(item.packetID)
            for bit in 0..<16 where item.bitmask & (1 << bit) != 0 {
                out.append(item.packetID &+ UInt16(bit + 1))
            }
        }
        return out
    }
}

/// PLI (RFC 4585 §6.3.1): the receiver lost a picture and wants a keyframe.
public struct RTCPPictureLossIndication: Equatable, Sendable {
    public var senderSSRC: UInt32
    public var mediaSSRC: UInt32
    public init(senderSSRC: UInt32, mediaSSRC: UInt32) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
    }
}

/// FIR (RFC 5104 §4.3.1).
public struct RTCPFullIntraRequest: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var ssrc: UInt32
        public var sequenceNumber: UInt8
        public init(ssrc: UInt32, sequenceNumber: UInt8) {
            self.ssrc = ssrc
            self.sequenceNumber = sequenceNumber
        }
    }
    public var senderSSRC: UInt32
    public var entries: [Entry]
    public init(senderSSRC: UInt32, entries: [Entry]) {
        self.senderSSRC = senderSSRC
        self.entries = entries
    }
}

/// REMB (draft-alvestrand-rmcat-remb): the receiver's estimate of the bitrate
/// it can take, which lets a sender ramp up to the recording bitrate.
public struct RTCPReceiverEstimatedBitrate: Equatable, Sendable {
    public var senderSSRC: UInt32
    /// Bits per second (18-bit mantissa × 2^exponent on the wire; rounded down when written).
    public var bitrate: UInt64
    public var ssrcs: [UInt32]
    /// The largest bitrate 64 bits hold in REMB's form: a full mantissa at exponent 46.
    public static let largest: UInt64 = 0x3ffff << 46

    public init(senderSSRC: UInt32, bitrate: UInt64, ssrcs: [UInt32]) {
        self.senderSSRC = senderSSRC
        self.bitrate = bitrate
        self.ssrcs = ssrcs
    }
}

/// One packet of an RTCP compound packet (RFC 3550 §6.1).
public enum RTCPPacket: Equatable, Sendable {
    case senderReport(RTCPSenderReport)
    case receiverReport(RTCPReceiverReport)
    case sourceDescription(RTCPSourceDescription)
    case goodbye(RTCPGoodbye)
    case nack(RTCPNack)
    case pictureLossIndication(RTCPPictureLossIndication)
    case fullIntraRequest(RTCPFullIntraRequest)
    case receiverEstimatedBitrate(RTCPReceiverEstimatedBitrate)
    /// APP, XR, transport-wide feedback and anything else: kept as is.
    case other(packetType: UInt8, format: UInt8, body: [UInt8])

    public enum PacketType {
        public static let senderReport: UInt8 = 200
        public static let receiverReport: UInt8 = 201
        public static let sourceDescription: UInt8 = 202
        public static let goodbye: UInt8 = 203
        public static let application: UInt8 = 204
        public static let transportFeedback: UInt8 = 205
        public static let payloadFeedback: UInt8 = 206
    }
}
