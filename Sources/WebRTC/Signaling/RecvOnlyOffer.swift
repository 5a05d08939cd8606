import SDP

/// The offer tessera makes when it is the one calling (a room's peer, a
/// WHEP source, an SFU subscription): receive-only audio and video sections
/// with the codecs it can render, RTX, NACK/PLI/REMB feedback, the mid
/// header extension, BUNDLE, rtcp-mux, `setup:actpass` (RFC 8842 §5.2) and
/// trickle ICE (JSEP, RFC 8829 §5.2).
public enum RecvOnlyOffer {
    /// What the offer proposes, per section: the answer narrows it down.
    static func proposedCodecs(kind: String) -> [NegotiatedMedia.Codec] {
        if kind == "audio" {
            return [.init(payloadType: 111, name: "opus", clockRate: 48_000, channels: 2, formatParameters: "minptime=10;useinbandfec=1")]
        }
        return [
            .init(payloadType: 96, name: "VP8", clockRate: 90_000, retransmissionPayloadType: 97),
            .init(payloadType: 98, name: "VP9", clockRate: 90_000, formatParameters: "profile-id=0", retransmissionPayloadType: 99),
            .init(payloadType: 102, name: "H264", clockRate: 90_000,
                  formatParameters: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", retransmissionPayloadType: 103),
        ]
    }

    static let midExtension = "urn:ietf:params:rtp-hdrext:sdes:mid"

    /// An offer to receive `kinds` (e.g. ["audio", "video"]), one section each, mids "0", "1", …
    public static func make(kinds: [String], _ parameters: AnswerParameters) -> SessionDescription {
        var offer = SessionDescription()
        offer.origin = "- \(UInt64.random(in: 1...UInt64(Int64.max))) 2 IN IP4 127.0.0.1"
        offer.sessionName = "tessera"
        for (index, kind) in kinds.enumerated() {
            let codecs = proposedCodecs(kind: kind)
            var section = MediaDescription(media: kind, port: 9, proto: "UDP/TLS/RTP/SAVPF",
                                           formats: codecs.flatMap { [String($0.payloadType)] + ($0.retransmissionPayloadType.map { [String($0)] } ?? []) })
            section.connection = SDPConnection(addressType: "IP4", address: "0.0.0.0")
            section.attributes = [
                .init(name: "mid", value: String(index)), .init(name: "recvonly"),
                .init(name: "ice-ufrag", value: parameters.ice.ufrag), .init(name: "ice-pwd", value: parameters.ice.password),
                .init(name: "ice-options", value: "trickle"),
                .init(name: "fingerprint", value: parameters.fingerprint), .init(name: "setup", value: "actpass"),
                .init(name: "rtcp-mux"), .init(name: "rtcp-rsize"),
                .init(name: "extmap", value: "1 \(midExtension)"),
            ]
            for codec in codecs {
                let channels = codec.channels.map { "/\($0)" } ?? ""
                section.attributes.append(.init(name: "rtpmap", value: "\(codec.payloadType) \(codec.name)/\(codec.clockRate)\(channels)"))
                if let fmtp = codec.formatParameters { section.attributes.append(.init(name: "fmtp", value: "\(codec.payloadType) \(fmtp)")) }
                let feedback = kind == "video" ? ["nack", "nack pli", "ccm fir", "goog-remb"] : []
                for value in feedback { section.attributes.append(.init(name: "rtcp-fb", value: "\(codec.payloadType) \(value)")) }
                if let rtx = codec.retransmissionPayloadType {
                    section.attributes.append(.init(name: "rtpmap", value: "\(rtx) rtx/\(codec.clockRate)"))
                    section.attributes.append(.init(name: "fmtp", value: "\(rtx) apt=\(codec.payloadType)"))
                }
            }
            for candidate in parameters.candidates { section.attributes.append(.init(name: "candidate", value: candidate)) }
            if !parameters.candidates.isEmpty { section.attributes.append(.init(name: "end-of-candidates")) }
            offer.media.append(section)
        }
        offer.attributes = [.init(name: "group", value: "BUNDLE " + (0..<kinds.count).map(String.init).joined(separator: " ")),
                            .init(name: "msid-semantic", value: " WMS")]
        return offer
    }

    /// What the answer accepted: per section it did not reject, the codecs
    /// of ours it kept (by payload type, in its order) and the header
    /// extensions it agreed to. Our DTLS role follows its `a=setup`
    /// (active → we are the server, passive → the client).
    public static func negotiated(offer: SessionDescription, answer: SessionDescription) throws(AnswerError)
        -> (media: [NegotiatedMedia], dtlsRole: DTLSTransport.Role) {
        var media: [NegotiatedMedia] = []
        for (index, section) in answer.media.enumerated() where section.port != 0 && !section.hasAttribute("inactive") {
            guard index < offer.media.count else { throw AnswerError(kind: .missing, description: "the answer has more m= sections than the offer") }
            let ours = proposedCodecs(kind: offer.media[index].media)
            let mid = section.attribute("mid") ?? offer.media[index].attribute("mid") ?? String(index)
            let kept = section.payloadTypes.compactMap { type in ours.first { $0.payloadType == type } }.map { codec -> NegotiatedMedia.Codec in
                var codec = codec
                // RTX only if the answer kept it too.
                if let rtx = codec.retransmissionPayloadType, !section.payloadTypes.contains(rtx) { codec.retransmissionPayloadType = nil }
                return codec
            }
            guard !kept.isEmpty else { continue }
            media.append(NegotiatedMedia(mid: mid, kind: section.media, codecs: kept,
                                         headerExtensions: section.headerExtensions.filter { $0.value == midExtension }))
        }
        guard !media.isEmpty else {
            throw AnswerError(kind: .unsupportedCodecs, description: "the answer accepted none of the offered codecs")
        }
        let setup = answer.media.first?.attribute("setup") ?? answer.attribute("setup") ?? "active"
        return (media, setup == "passive" ? .client : .server)
    }
}
