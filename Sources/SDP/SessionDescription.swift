/// An SDP attribute line `a=name[:value]` (RFC 8866 §5.13).
public struct SDPAttribute: Equatable, Sendable {
    public var name: String
    public var value: String?

    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// `c=` (RFC 8866 §5.7).
public struct SDPConnection: Equatable, Sendable {
    public var networkType: String
    public var addressType: String
    /// The address without any TTL or count suffix.
    public var address: String

    public init(networkType: String = "IN", addressType: String, address: String) {
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }
}

/// An `a=rtpmap` entry (RFC 8866 §6.6).
public struct SDPRTPMap: Equatable, Sendable {
    public var payloadType: UInt8
    public var encodingName: String
    public var clockRate: Int
    public var channels: Int?

    public init(payloadType: UInt8, encodingName: String, clockRate: Int, channels: Int? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }
}

/// One `m=` section with its lines (RFC 8866 §5.14).
public struct MediaDescription: Equatable, Sendable {
    public var media: String
    public var port: Int
    public var portCount: Int?
    public var proto: String
    public var formats: [String]
    public var connection: SDPConnection?
    public var bandwidths: [String] = []
    public var attributes: [SDPAttribute] = []

    public init(media: String, port: Int, portCount: Int? = nil, proto: String, formats: [String]) {
        self.media = media
        self.port = port
        self.portCount = portCount
        self.proto = proto
        self.formats = formats
    }

    public func attributes(named name: String) -> [String] {
        attributes.filter { $0.name == name }.map { $0.value ?? "" }
    }

    public func attribute(_ name: String) -> String? { attributes(named: name).first }
    public func hasAttribute(_ name: String) -> Bool { attributes.contains { $0.name == name } }

    /// Payload types in the order of the m= line.
    public var payloadTypes: [UInt8] { formats.compactMap { UInt8($0) }.filter { $0 < 128 } }

    /// `a=rtpmap` entries by payload type, plus the RFC 3551 static types the
    /// m= line names without an rtpmap.
    public var rtpMaps: [UInt8: SDPRTPMap] {
        var maps: [UInt8: SDPRTPMap] = [:]
        for pt in payloadTypes {
            switch pt {
            case 0: maps[0] = SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000, channels: 1)
            case 8: maps[8] = SDPRTPMap(payloadType: 8, encodingName: "PCMA", clockRate: 8000, channels: 1)
            default: break
            }
        }
        for value in attributes(named: "rtpmap") {
            if let map = try? Self.parseRTPMap(value) { maps[map.payloadType] = map }
        }
        return maps
    }

    /// `a=fmtp` parameter strings by payload type.
    public var formatParameters: [UInt8: String] {
        var out: [UInt8: String] = [:]
        for value in attributes(named: "fmtp") {
            let parts = value.split(separator: " ", maxSplits: 1)
            if parts.count == 2, let pt = UInt8(parts[0]) { out[pt] = String(parts[1]) }
        }
        return out
    }

    /// `a=extmap` (RFC 8285 §8): local id → extension URI.
    public var headerExtensions: [UInt8: String] {
        var out: [UInt8: String] = [:]
        for value in attributes(named: "extmap") {
            let parts = value.split(separator: " ")
            guard parts.count >= 2 else { continue }
            if let idPart = parts[0].split(separator: "/").first, let id = UInt8(idPart) { out[id] = String(parts[1]) }
        }
        return out
    }

    /// RTX payload types (RFC 4588 §8.6) mapped to the payload type they repair (`apt`).
    public var retransmissionPayloadTypes: [UInt8: UInt8] {
        var out: [UInt8: UInt8] = [:]
        let maps = rtpMaps
        for (pt, parameters) in formatParameters where maps[pt]?.encodingName.lowercased() == "rtx" {
            for pair in parameters.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0.trimmedOfBlanks) }
                if kv.count == 2, kv[0] == "apt", let apt = UInt8(kv[1]) { out[pt] = apt }
            }
        }
        return out
    }

    /// The port RTCP goes to: `a=rtcp` (RFC 3605), the RTP port with
    /// `a=rtcp-mux` (RFC 5761), or the next port up (RFC 3550 §11).
    public var rtcpPort: Int {
        if hasAttribute("rtcp-mux") { return port }
        if let value = attribute("rtcp"), let first = value.split(separator: " ").first, let p = Int(first) { return p }
        return port + 1
    }

    static func parseRTPMap(_ value: String) throws -> SDPRTPMap {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let pt = UInt8(parts[0]), pt < 128 else { throw SDPError(line: 0, text: value, reason: "bad rtpmap") }
        let encoding = parts[1].split(separator: "/")
        // A clock rate is a plausible positive number (codecs run at 8 kHz to
        // 192 kHz); each codec's own rate is checked where it is chosen.
        guard encoding.count >= 2, let rate = Int(encoding[1]), (1...1_000_000).contains(rate) else {
            throw SDPError(line: 0, text: value, reason: "rtpmap needs encoding/clock-rate (1 to 1000000 Hz)")
        }
        // RFC 8866 §6.6: the channel count is a small positive number; another is ignored.
        let channels = encoding.count >= 3 ? Int(encoding[2]).flatMap { (1...8).contains($0) ? $0 : nil } : nil
        return SDPRTPMap(payloadType: pt, encodingName: String(encoding[0]), clockRate: rate, channels: channels)
    }
}

/// A parsed session description (RFC 8866).
public struct SessionDescription: Equatable, Sendable {
    public var version = 0
    public var origin: String = "- 0 0 IN IP4 127.0.0.1"
    public var sessionName: String = "-"
    public var connection: SDPConnection?
    public var bandwidths: [String] = []
    public var timing: String = "0 0"
    public var attributes: [SDPAttribute] = []
    public var media: [MediaDescription] = []

    public init() {}

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }.map { $0.value ?? "" }
    }

    /// The connection address that applies to a media section.
    public func connection(for media: MediaDescription) -> SDPConnection? {
        media.connection ?? connection
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmedOfBlanks: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
