import Testing
@testable import SDP

@Suite struct SessionDescriptionTests {
    static let browserOffer = """
        v=0\r
        o=- 4611731400430051336 2 IN IP4 127.0.0.1\r
        s=-\r
        t=0 0\r
        a=group:BUNDLE 0 1\r
        m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r
        c=IN IP4 0.0.0.0\r
        a=rtcp:9 IN IP4 0.0.0.0\r
        a=mid:0\r
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r
        a=sendonly\r
        a=rtcp-mux\r
        a=rtpmap:111 opus/48000/2\r
        a=fmtp:111 minptime=10;useinbandfec=1\r
        m=video 9 UDP/TLS/RTP/SAVPF 96 97\r
        c=IN IP4 0.0.0.0\r
        a=mid:1\r
        a=extmap:3/sendonly urn:ietf:params:rtp-hdrext:toffset\r
        a=rtcp-mux\r
        a=rtpmap:96 VP8/90000\r
        a=rtpmap:97 rtx/90000\r
        a=fmtp:97 apt=96\r

        """

    @Test func parsesABrowserOffer() throws {
        let sdp = try SessionDescription.parse(Self.browserOffer)
        #expect(sdp.attribute("group") == "BUNDLE 0 1")
        #expect(sdp.media.count == 2)
        let audio = sdp.media[0], video = sdp.media[1]
        #expect(audio.rtpMaps[111] == SDPRTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(audio.rtpMaps[0]?.encodingName == "PCMU")  // static payload type
        #expect(audio.formatParameters[111] == "minptime=10;useinbandfec=1")
        #expect(audio.headerExtensions == [1: "urn:ietf:params:rtp-hdrext:ssrc-audio-level"])
        #expect(audio.rtcpPort == 9)  // muxed
        #expect(video.retransmissionPayloadTypes == [97: 96])
        #expect(video.headerExtensions == [3: "urn:ietf:params:rtp-hdrext:toffset"])
        #expect(video.attribute("mid") == "1")
    }

    @Test func rtcpPortRules() throws {
        let plain = try SessionDescription.parse("v=0\nm=video 5000 RTP/AVP 96\na=rtpmap:96 VP8/90000\n")
        #expect(plain.media[0].rtcpPort == 5001)
        let explicit = try SessionDescription.parse("v=0\nm=video 5000 RTP/AVP 96\na=rtcp:6000 IN IP4 1.2.3.4\n")
        #expect(explicit.media[0].rtcpPort == 6000)
        let blank = try SessionDescription.parse("v=0\nm=video 5000 RTP/AVP 96\na=rtcp: \na=extmap:/ urn:x\n")
        #expect(blank.media[0].rtcpPort == 5001)
        #expect(blank.media[0].headerExtensions.isEmpty)
    }

    static let malformed: [(String, String, Int)] = [
        ("empty", "", 1),
        ("no version first", "o=- 0 0 IN IP4 1.1.1.1\nv=0\n", 1),
        ("version 1", "v=1\n", 1),
        ("not type=value", "v=0\nhello\n", 2),
        ("bad port", "v=0\nm=video 70000 RTP/AVP 96\n", 2),
        ("m= too short", "v=0\nm=video 5000\n", 2),
        ("bad connection", "v=0\nc=IN IPX 1.2.3.4\n", 2),
        ("bad rtpmap", "v=0\nm=audio 1 RTP/AVP 111\na=rtpmap:111 opus\n", 3),
        ("rtpmap payload type over 127", "v=0\nm=audio 1 RTP/AVP 200\na=rtpmap:200 opus/48000\n", 3),
        ("second v=", "v=0\nv=0\n", 2),
        ("port is only a slash (fuzzer crasher)", "v=0\nm=audio / RTP/AVP 0\n", 2),
        ("address is only a slash", "v=0\nc=IN IP4 /\n", 2),
    ]

    @Test(arguments: malformed)
    func rejectsWithLineNumber(name: String, text: String, line: Int) {
        do {
            _ = try SessionDescription.parse(text)
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.line == line, "\(name): \(error)")
            #expect(!error.reason.isEmpty)
        }
    }
}

/// Writing SDP out: what parses writes back as text that parses to the same.
@Suite struct SessionDescriptionTextTests {
    @Test(arguments: [
        "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\na=group:BUNDLE 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\nc=IN IP4 0.0.0.0\na=mid:0\na=rtpmap:111 opus/48000/2\na=rtcp-mux\n",
        "v=0\no=IO~\r\r\r",  // stray CRs (found by the fuzzer)
        "v=0\r\no=- 0 0 IN IP6 ::1\r\ns=x\r\nc=IN IP6 ::1\r\nb=AS:100\r\nt=0 0\r\nm=video 5000/2 RTP/AVP 96\r\nb=TIAS:1\r\na=sendonly\r\n",
    ])
    func roundTrips(text: String) throws {
        let parsed = try SessionDescription.parse(text)
        let written = parsed.text
        #expect(written.hasPrefix("v=0\r\n") && written.hasSuffix("\r\n"))
        #expect(try SessionDescription.parse(written) == parsed)
    }

    @Test func controlCharactersInsideALineAreRefused() {
        #expect(throws: SDPError.self) { try SessionDescription.parse("v=0\nm=video 5010 RTP/AVP 0\rX 1\n") }
        #expect(throws: SDPError.self) { try SessionDescription.parse("v=0\ns=a\u{0}b\n") }
    }
}
