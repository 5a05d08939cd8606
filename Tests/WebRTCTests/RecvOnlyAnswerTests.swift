import SDP
import Testing
@testable import WebRTC

/// Answers to offers shaped like a browser's (BUNDLE, rtcp-mux, RTX,
/// several H.264 profiles, extmaps, actpass).
@Suite struct RecvOnlyAnswerTests {
    static let browserOffer = """
    v=0
    o=- 4611731400430051336 2 IN IP4 127.0.0.1
    s=-
    t=0 0
    a=group:BUNDLE 0 1
    a=msid-semantic: WMS stream
    m=audio 9 UDP/TLS/RTP/SAVPF 111 0
    c=IN IP4 0.0.0.0
    a=rtcp:9 IN IP4 0.0.0.0
    a=ice-ufrag:abcd
    a=ice-pwd:0123456789abcdefghijklmn
    a=ice-options:trickle
    a=fingerprint:sha-256 11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00
    a=setup:actpass
    a=mid:0
    a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
    a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
    a=sendonly
    a=rtcp-mux
    a=rtpmap:111 opus/48000/2
    a=rtcp-fb:111 transport-cc
    a=fmtp:111 minptime=10;useinbandfec=1
    a=rtpmap:0 PCMU/8000
    m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 45
    c=IN IP4 0.0.0.0
    a=ice-ufrag:abcd
    a=ice-pwd:0123456789abcdefghijklmn
    a=fingerprint:sha-256 11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00
    a=setup:actpass
    a=mid:1
    a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
    a=extmap:5 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
    a=sendonly
    a=rtcp-mux
    a=rtcp-rsize
    a=rtpmap:96 VP8/90000
    a=rtcp-fb:96 nack
    a=rtcp-fb:96 nack pli
    a=rtcp-fb:96 goog-remb
    a=rtcp-fb:96 transport-cc
    a=rtpmap:97 rtx/90000
    a=fmtp:97 apt=96
    a=rtpmap:102 H264/90000
    a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f
    a=rtpmap:103 rtx/90000
    a=fmtp:103 apt=102
    a=rtpmap:104 H264/90000
    a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
    a=rtpmap:105 rtx/90000
    a=fmtp:105 apt=104
    a=rtpmap:45 AV1/90000
    """

    static let parameters = AnswerParameters(
        ice: ICECredentials(ufrag: "tess", password: "p4ssw0rd-p4ssw0rd-p4ss"),
        fingerprint: "sha-256 AA:BB", candidates: ["1 1 udp 2130706431 127.0.0.1 40000 typ host"])

    @Test func browserOfferGetsARecvOnlyAnswer() throws {
        let offer = try SessionDescription.parse(Self.browserOffer)
        let (answer, media) = try RecvOnlyAnswer.make(for: offer, Self.parameters)
        #expect(media.map(\.mid) == ["0", "1"])
        #expect(media[0].codecs.map(\.name) == ["opus"])
        #expect(media[1].codecs.map(\.payloadType) == [96, 104], "VP8, and H.264 only in packetization-mode 1")
        #expect(media[1].codecs.map(\.retransmissionPayloadType) == [97, 105])
        #expect(media[1].headerExtensions == [4: "urn:ietf:params:rtp-hdrext:sdes:mid"])
        // What goes on the wire parses back to the same description.
        let reparsed = try SessionDescription.parse(answer.text)
        #expect(reparsed == answer)
        #expect(answer.attribute("group") == "BUNDLE 0 1")
        let video = reparsed.media[1]
        #expect(video.formats == ["96", "97", "104", "105"])
        #expect(video.hasAttribute("recvonly") && video.attribute("setup") == "passive" && video.hasAttribute("rtcp-rsize"))
        #expect(video.attribute("ice-ufrag") == "tess" && video.attribute("fingerprint") == "sha-256 AA:BB")
        #expect(video.retransmissionPayloadTypes == [97: 96, 105: 104])
        // No transport-wide congestion control (tessera sends REMB, not TWCC feedback).
        #expect(video.attributes(named: "rtcp-fb").filter { $0.hasPrefix("96 ") } == ["96 nack", "96 nack pli", "96 goog-remb"])
        #expect(!answer.text.contains("transport-wide-cc") && !answer.text.contains("transport-cc"))
        #expect(video.attributes(named: "rtcp-fb").contains("96 nack pli"))
        #expect(video.attributes(named: "candidate") == Self.parameters.candidates && video.hasAttribute("end-of-candidates"))
        #expect(answer.text.hasSuffix("\r\n") && !answer.text.contains("\n\n"))
    }

    @Test func anOfferOfOnlyUnsupportedCodecsIsRefusedNamingThem() throws {
        let onlyAV1 = Self.browserOffer
            .replacingAll("m=audio 9 UDP/TLS/RTP/SAVPF 111 0", with: "m=audio 9 UDP/TLS/RTP/SAVPF 0")
            .replacingAll("m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 45", with: "m=video 9 UDP/TLS/RTP/SAVPF 102 45")
        let offer = try SessionDescription.parse(onlyAV1)
        #expect {
            _ = try RecvOnlyAnswer.make(for: offer, Self.parameters)
        } throws: { error in
            let answerError = error as? AnswerError
            return answerError?.kind == .unsupportedCodecs && answerError!.description.contains("AV1") && answerError!.description.contains("PCMU")
        }
    }

    @Test func aSectionWithNothingUsableIsRejectedAndTheRestAnswered() throws {
        let noOpus = Self.browserOffer.replacingAll("m=audio 9 UDP/TLS/RTP/SAVPF 111 0", with: "m=audio 9 UDP/TLS/RTP/SAVPF 0")
        let (answer, media) = try RecvOnlyAnswer.make(for: try SessionDescription.parse(noOpus), Self.parameters)
        #expect(media.map(\.mid) == ["1"])
        #expect(answer.media[0].port == 0 && answer.media[0].hasAttribute("inactive"))
        #expect(answer.attribute("group") == "BUNDLE 1")
    }

    @Test(arguments: [("a=fingerprint:", "fingerprint"), ("a=ice-ufrag:", "ice-ufrag"), ("a=mid:", "a=mid")])
    func offersMissingWhatWebRTCNeedsAreRefused(line: String, named: String) throws {
        let stripped = Self.browserOffer.split(separator: "\n").filter { !$0.hasPrefix(line) }.joined(separator: "\n")
        #expect {
            _ = try RecvOnlyAnswer.make(for: try SessionDescription.parse(stripped), Self.parameters)
        } throws: { "\($0)".contains(named) }
    }

    @Test(arguments: [("actpass", "passive"), ("active", "passive"), ("passive", "active")])
    func dtlsRolesAreComplementary(offered: String, answered: String) throws {
        let offer = try SessionDescription.parse(Self.browserOffer.replacingAll("a=setup:actpass", with: "a=setup:\(offered)"))
        let (answer, _) = try RecvOnlyAnswer.make(for: offer, Self.parameters)
        #expect(answer.media.allSatisfy { $0.attribute("setup") == answered })
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0 == target ? replacement : String($0) }.joined(separator: "\n")
    }
}
