import SDP

/// One media section tessera agreed to receive.
public struct NegotiatedMedia: Equatable, Sendable {
    public struct Codec: Equatable, Sendable {
        public var payloadType: UInt8
        public var name: String
        public var clockRate: Int
        public var channels: Int?
        public var formatParameters: String?
        /// The RTX payload type that retransmits this one (RFC 4588), if any.
        public var retransmissionPayloadType: UInt8?

        public init(payloadType: UInt8, name: String, clockRate: Int, channels: Int? = nil, formatParameters: String? = nil,
                    retransmissionPayloadType: UInt8? = nil) {
            self.payloadType = payloadType
            self.name = name
            self.clockRate = clockRate
            self.channels = channels
            self.formatParameters = formatParameters
            self.retransmissionPayloadType = retransmissionPayloadType
        }
    }
    public var mid: String
    public var kind: String
    public var codecs: [Codec]
    public var headerExtensions: [UInt8: String]

    public init(mid: String, kind: String, codecs: [Codec], headerExtensions: [UInt8: String] = [:]) {
        self.mid = mid
        self.kind = kind
        self.codecs = codecs
        self.headerExtensions = headerExtensions
    }
}

/// Why an offer cannot be answered.
public struct AnswerError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable { case unsupportedCodecs, missing }
    public var kind: Kind
    public var description: String
}

/// What tessera's side of the session needs in the answer.
public struct AnswerParameters: Sendable {
    public var ice: ICECredentials
    /// "sha-256 AB:…" from `DTLSCertificate.fingerprint`.
    public var fingerprint: String
    /// Values of `a=candidate` lines (RFC 8839 §5.1).
    public var candidates: [String]

    public init(ice: ICECredentials, fingerprint: String, candidates: [String]) {
        self.ice = ice
        self.fingerprint = fingerprint
        self.candidates = candidates
    }
}

/// Builds the answer to a publisher's offer (JSEP, RFC 8829 §5.3): every
/// audio and video section it sends is received (`recvonly`) with the
/// codecs tessera can render — Opus; VP8, VP9, H.264 packetization-mode 1,
/// each with its RTX — in the offer's order of preference. Sections with
/// nothing usable are rejected (port 0); an offer with nothing usable at all
/// is refused, naming what it offered.
public enum RecvOnlyAnswer {
    public static func make(for offer: SessionDescription, _ parameters: AnswerParameters) throws(AnswerError) -> (SessionDescription, [NegotiatedMedia]) {
        var answer = SessionDescription()
        answer.origin = "- \(UInt64.random(in: 1...UInt64(Int64.max))) 2 IN IP4 127.0.0.1"
        answer.sessionName = "tessera"
        var accepted: [NegotiatedMedia] = []
        var bundled: [String] = []
        var offered: [String] = []
        for section in offer.media {
            guard let mid = section.attribute("mid") else {
                throw AnswerError(kind: .missing, description: "m=\(section.media) section without a=mid (BUNDLE needs one)")
            }
            // RFC 5888 §4: an identification-tag is a token; RFC 8843 §15.2 keeps
            // it short enough for the MID header extension (16 bytes).
            guard Self.isValidMid(mid) else {
                throw AnswerError(kind: .missing, description: "a=mid must be 1 to 16 token characters (RFC 5888, RFC 8843)")
            }
            guard offer.attribute("fingerprint") != nil || section.attribute("fingerprint") != nil else {
                throw AnswerError(kind: .missing, description: "the offer has no a=fingerprint: DTLS cannot be authenticated")
            }
            guard offer.attribute("ice-ufrag") != nil || section.attribute("ice-ufrag") != nil else {
                throw AnswerError(kind: .missing, description: "the offer has no a=ice-ufrag")
            }
            let codecs = section.media == "audio" || section.media == "video" ? choose(in: section) : []
            let maps = section.rtpMaps
            offered += section.payloadTypes.compactMap { maps[$0]?.encodingName }.filter { $0.lowercased() != "rtx" }
            let direction = section.hasAttribute("inactive") || section.hasAttribute("recvonly") || codecs.isEmpty ? "inactive" : "recvonly"
            var media = MediaDescription(media: section.media, port: codecs.isEmpty ? 0 : 9, proto: section.proto,
                                         formats: codecs.isEmpty ? Array(section.formats.prefix(1)) : codecs.flatMap { codec in
                                             [String(codec.payloadType)] + (codec.retransmissionPayloadType.map { [String($0)] } ?? [])
                                         })
            media.connection = SDPConnection(addressType: "IP4", address: "0.0.0.0")
            media.attributes = [
                .init(name: "mid", value: mid), .init(name: direction),
                .init(name: "ice-ufrag", value: parameters.ice.ufrag), .init(name: "ice-pwd", value: parameters.ice.password),
                .init(name: "fingerprint", value: parameters.fingerprint), .init(name: "setup", value: setup(answering: section, offer)),
                .init(name: "rtcp-mux"),
            ]
            if section.hasAttribute("rtcp-rsize") { media.attributes.append(.init(name: "rtcp-rsize")) }
            var extensions: [UInt8: String] = [:]
            if !codecs.isEmpty {
                // Transport-wide congestion control needs feedback tessera does not send;
                // leaving it out makes senders use REMB, which tessera does send.
                for (id, uri) in section.headerExtensions.sorted(by: { $0.key < $1.key }) where !uri.contains("transport-wide-cc") {
                    media.attributes.append(.init(name: "extmap", value: "\(id) \(uri)"))
                    extensions[id] = uri
                }
                for codec in codecs {
                    let channels = codec.channels.map { "/\($0)" } ?? ""
                    media.attributes.append(.init(name: "rtpmap", value: "\(codec.payloadType) \(codec.name)/\(codec.clockRate)\(channels)"))
                    if let fmtp = codec.formatParameters { media.attributes.append(.init(name: "fmtp", value: "\(codec.payloadType) \(fmtp)")) }
                    for feedback in section.attributes(named: "rtcp-fb")
                    where (feedback.hasPrefix("\(codec.payloadType) ") || feedback.hasPrefix("* ")) && !feedback.hasSuffix(" transport-cc") {
                        media.attributes.append(.init(name: "rtcp-fb", value: feedback))
                    }
                    if let rtx = codec.retransmissionPayloadType {
                        media.attributes.append(.init(name: "rtpmap", value: "\(rtx) rtx/\(codec.clockRate)"))
                        media.attributes.append(.init(name: "fmtp", value: "\(rtx) apt=\(codec.payloadType)"))
                    }
                }
                for candidate in parameters.candidates { media.attributes.append(.init(name: "candidate", value: candidate)) }
                media.attributes.append(.init(name: "end-of-candidates"))
                bundled.append(mid)
                // A section the sender does not send on (a screen share stopped, RFC 8829 §5.3.1) is kept, but receives nothing.
                if direction == "recvonly" {
                    accepted.append(NegotiatedMedia(mid: mid, kind: section.media, codecs: codecs, headerExtensions: extensions))
                }
            }
            answer.media.append(media)
        }
        guard !accepted.isEmpty else {
            let names = Set(offered).sorted().joined(separator: ", ")
            throw AnswerError(kind: .unsupportedCodecs,
                              description: "nothing in the offer can be recorded: it offers \(names.isEmpty ? "no codecs" : names); tessera takes opus, VP8, VP9 and H264 (packetization-mode=1)")
        }
        answer.attributes = [.init(name: "group", value: "BUNDLE " + bundled.joined(separator: " ")),
                             .init(name: "msid-semantic", value: " WMS")]
        return (answer, accepted)
    }

    static func isValidMid(_ mid: String) -> Bool {
        // RFC 8866 §9 token characters.
        let punctuation = Set("!#$%&'*+-.^_`{|}~".utf8)
        return (1...16).contains(mid.utf8.count) && mid.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || punctuation.contains(byte)
        }
    }

    /// The codecs tessera takes from a section, in the offer's order.
    static func choose(in section: MediaDescription) -> [NegotiatedMedia.Codec] {
        let maps = section.rtpMaps
        let parameters = section.formatParameters
        let rtx = section.retransmissionPayloadTypes  // rtx pt → original pt
        var chosen: [NegotiatedMedia.Codec] = []
        for payloadType in section.payloadTypes {
            guard let map = maps[payloadType] else { continue }
            let name = map.encodingName.uppercased()
            let fmtp = parameters[payloadType]
            let usable: Bool
            switch name {
            // Each codec has one clock rate (RFC 7587 §7, RFC 7741 §6.1, RFC 6184 §8.1):
            // any other is refused, so no later arithmetic sees a crafted rate.
            case "OPUS": usable = section.media == "audio" && map.clockRate == 48_000
            case "VP8", "VP9": usable = section.media == "video" && map.clockRate == 90_000
            case "H264":
                usable = section.media == "video" && map.clockRate == 90_000
                    && String((fmtp ?? "").filter { $0 != " " }).contains("packetization-mode=1")
            default: usable = false
            }
            guard usable else { continue }
            // One H.264 profile is enough; keep the first the sender prefers.
            if name == "H264" && chosen.contains(where: { $0.name.uppercased() == "H264" }) { continue }
            chosen.append(.init(payloadType: payloadType, name: map.encodingName, clockRate: map.clockRate, channels: map.channels,
                                formatParameters: fmtp, retransmissionPayloadType: rtx.first { $0.value == payloadType }?.key))
        }
        return chosen
    }

    /// RFC 8842 §5.3: answer actpass with passive (tessera is the DTLS
    /// server, as SFUs are), active with passive, passive with active.
    static func setup(answering section: MediaDescription, _ offer: SessionDescription) -> String {
        let offered = section.attribute("setup") ?? offer.attribute("setup") ?? "actpass"
        return offered == "passive" ? "active" : "passive"
    }
}
