import RTP
import SDP
import Testing
@testable import WebRTC

/// tessera calling: its recv-only offer, what an answer narrows it to, and
/// a connection in the controlling ICE role that is the DTLS client, against
/// a sender made of the stack's own parts (a controlled ICE agent, a DTLS server).
@Suite struct RecvOnlyOfferTests {
    static let parameters = AnswerParameters(
        ice: ICECredentials(ufrag: "tess", password: "local-password-0123456789"),
        fingerprint: "sha-256 AA:BB", candidates: ["1 1 udp 2130706431 127.0.0.1 40000 typ host"])

    @Test func offerIsRecvOnlyWithRenderableCodecsAndParsesBack() throws {
        let offer = RecvOnlyOffer.make(kinds: ["audio", "video"], Self.parameters)
        let parsed = try SessionDescription.parse(offer.text)
        #expect(parsed == offer)
        #expect(parsed.attribute("group") == "BUNDLE 0 1")
        let video = parsed.media[1]
        #expect(video.hasAttribute("recvonly") && video.attribute("setup") == "actpass" && video.hasAttribute("rtcp-mux"))
        #expect(video.rtpMaps.values.map(\.encodingName).sorted() == ["H264", "VP8", "VP9", "rtx", "rtx", "rtx"])
        #expect(video.retransmissionPayloadTypes == [97: 96, 99: 98, 103: 102])
        #expect(video.attributes(named: "rtcp-fb").contains("96 nack pli"))
        #expect(parsed.media[0].rtpMaps[111]?.encodingName == "opus" && parsed.media[0].attribute("candidate") != nil)
    }

    @Test(arguments: [("passive", DTLSTransport.Role.client), ("active", .server)])
    func answerNarrowsTheOfferAndSetsTheDTLSRole(setup: String, role: DTLSTransport.Role) throws {
        let offer = RecvOnlyOffer.make(kinds: ["audio", "video"], Self.parameters)
        let answer = try SessionDescription.parse("""
            v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n\
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=sendonly\r\na=setup:\(setup)\r\na=rtpmap:111 opus/48000/2\r\n\
            m=video 9 UDP/TLS/RTP/SAVPF 102 103\r\na=mid:1\r\na=sendonly\r\na=setup:\(setup)\r\n\
            a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=rtpmap:102 H264/90000\r\na=rtpmap:103 rtx/90000\r\na=fmtp:103 apt=102\r\n
            """)
        let (media, dtlsRole) = try RecvOnlyOffer.negotiated(offer: offer, answer: answer)
        #expect(dtlsRole == role)
        #expect(media.map(\.mid) == ["0", "1"] && media[1].codecs.map(\.name) == ["H264"] && media[1].codecs[0].retransmissionPayloadType == 103)
        #expect(media[1].headerExtensions == [1: "urn:ietf:params:rtp-hdrext:sdes:mid"])
    }

    @Test func anAnswerThatRejectsEverythingIsRefused() throws {
        let offer = RecvOnlyOffer.make(kinds: ["video"], Self.parameters)
        let answer = try SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 0 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\n")
        #expect(throws: AnswerError.self) { try RecvOnlyOffer.negotiated(offer: offer, answer: answer) }
    }

    /// The whole calling path through memory: tessera's controlling agent
    /// checks and nominates, it starts DTLS as the client, and the sender's
    /// SRTP media comes out decrypted.
    @Test func callingSideConnectsAsControllingAgentAndDTLSClient() throws {
        let ours = try DTLSCertificate(), theirs = try DTLSCertificate()
        let local = Self.parameters.ice, remote = ICECredentials(ufrag: "send", password: "sender-password-0123456789")
        let us = STUNAddress(ip: [127, 0, 0, 1], port: 40_000), them = STUNAddress(ip: [127, 0, 0, 1], port: 41_000)
        let media = [NegotiatedMedia(mid: "0", kind: "video", codecs: [.init(payloadType: 96, name: "VP8", clockRate: 90_000)])]
        var configuration = ReceiveConnection.Configuration(localICE: local, remoteICE: remote, iceRole: .controlling, dtlsRole: .client,
                                                            remoteFingerprint: theirs.fingerprint, media: media)
        configuration.remoteCandidates = [ICECandidate(foundation: "1", priority: 2_130_706_431, address: them, type: "host")]
        let connection = try ReceiveConnection(configuration: configuration, certificate: ours)
        var senderICE = ICEAgent(local: remote, remote: local, role: .controlled, tieBreaker: 1)
        let senderDTLS = try DTLSTransport(role: .server, certificate: theirs, remoteFingerprint: ours.fingerprint)
        var senderSRTP: SRTPSession?
        var outputs: [ReceiveConnection.Output] = []

        var now: Int64 = 0
        while now < 2_000_000 && !connection.isConnected {
            var datagrams = connection.advance(to: now)
            while !datagrams.isEmpty {
                let output = datagrams.removeFirst()
                outputs.append(output)
                guard case let .send(bytes, to) = output, to == them else { continue }
                var replies: [[UInt8]] = []
                switch PacketKind(classifying: bytes[...]) {
                case .stun:
                    for case let .send(reply, _) in senderICE.handle(bytes[...], from: us, now: now) { replies.append(reply) }
                case .dtls:
                    for result in senderDTLS.handle(bytes) {
                        if case let .send(reply) = result { replies.append(reply) }
                        if case let .connected(keys) = result {
                            senderSRTP = try SRTPSession(profile: keys.profile, key: keys.localKey, salt: keys.localSalt, direction: .outbound)
                        }
                    }
                default: break
                }
                for reply in replies { datagrams += connection.handle(reply, from: them, now: now) }
            }
            now += 10_000
        }
        #expect(connection.ice.role == .controlling && connection.ice.selected == them && senderICE.selected == us)
        #expect(connection.isConnected && senderSRTP != nil)
        #expect(outputs.contains { if case .connected(them) = $0 { true } else { false } })
        let packet = RTPPacketFields(marker: true, payloadType: 96, sequenceNumber: 1, timestamp: 0, ssrc: 7,
                                     payload: [0x10, 0x9c, 0x01, 0x2a, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00]).serialize()
        let received = connection.handle(try senderSRTP!.protectRTP(packet), from: them, now: now)
        #expect(received.contains { if case let .rtp(_, bytes) = $0 { bytes == packet } else { false } })
    }
}
