import RTP
import Testing
@testable import WebRTC

/// The receive-only connection driven through memory by a publisher made of
/// the stack's own parts (STUN checks, a DTLS client, an outbound SRTP
/// session), with a clock that is just a number. Real peers (aiortc,
/// Chromium) talk to it in the interop tests.
@Suite struct ReceiveConnectionTests {
    static let local = ICECredentials(ufrag: "tess", password: "local-password-0123456789")
    static let remote = ICECredentials(ufrag: "pubr", password: "remote-password-0123456789")
    static let peer = STUNAddress(ip: [127, 0, 0, 1], port: 50_000)
    static let stranger = STUNAddress(ip: [127, 0, 0, 1], port: 50_001)
    static let videoSSRC: UInt32 = 0x1111, rtxSSRC: UInt32 = 0x2222, audioSSRC: UInt32 = 0x3333

    static let media = [
        NegotiatedMedia(mid: "0", kind: "audio", codecs: [.init(payloadType: 111, name: "opus", clockRate: 48_000, channels: 2)], headerExtensions: [:]),
        NegotiatedMedia(mid: "1", kind: "video", codecs: [.init(payloadType: 96, name: "VP8", clockRate: 90_000, retransmissionPayloadType: 97)],
                        headerExtensions: [:]),
    ]

    /// The publisher's half: its certificate, DTLS client and (once keyed) SRTP.
    final class Publisher {
        let certificate: DTLSCertificate
        let dtls: DTLSTransport
        var srtp: SRTPSession?
        var srtcpIn: SRTPSession?
        var sequence: UInt16 = 1000
        var rtxSequence: UInt16 = 50

        init(serverFingerprint: String) throws {
            certificate = try DTLSCertificate()
            dtls = try DTLSTransport(role: .client, certificate: certificate, remoteFingerprint: serverFingerprint)
        }

        func check(nominate: Bool) -> [UInt8] {
            var attributes: [STUNAttribute] = [.username("tess:pubr"), .priority(1_845_501_695), .iceControlling(tieBreaker: 7)]
            if nominate { attributes.append(.useCandidate) }
            return STUNMessage(messageClass: .request, transactionID: (0..<12).map { _ in .random(in: 0...255) }, attributes: attributes)
                .serialize(integrityKey: Array(ReceiveConnectionTests.local.password.utf8))
        }

        /// A VP8 packet: keyframe start when `key`, otherwise an interframe.
        func vp8(timestamp: UInt32, key: Bool, marker: Bool = true) -> [UInt8] {
            defer { sequence &+= 1 }
            // VP8 descriptor S=1 PID=0, then a payload header with P=0 for key frames (RFC 7741 §4.3).
            let header: [UInt8] = key ? [0x10, 0x9c, 0x01, 0x2a, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00] : [0x10, 0x01, 0x00, 0x00]
            return RTPPacketFields(marker: marker, payloadType: 96, sequenceNumber: sequence, timestamp: timestamp,
                                   ssrc: ReceiveConnectionTests.videoSSRC, payload: header + [UInt8](repeating: 7, count: 100)).serialize()
        }

        func rtx(of original: [UInt8]) throws -> [UInt8] {
            defer { rtxSequence &+= 1 }
            let packet = try RTPPacket(parsing: original)
            let osn = [UInt8(packet.sequenceNumber >> 8), UInt8(packet.sequenceNumber & 0xff)]
            return RTPPacketFields(marker: packet.marker, payloadType: 97, sequenceNumber: rtxSequence, timestamp: packet.timestamp,
                                   ssrc: ReceiveConnectionTests.rtxSSRC, payload: osn + Array(packet.payload)).serialize()
        }
    }

    /// A connection and a publisher that have done ICE and DTLS.
    static func connected(declared: [String: DeclaredStreams] = [:]) throws -> (ReceiveConnection, Publisher, [ReceiveConnection.Output]) {
        let certificate = try DTLSCertificate()
        let publisher = try Publisher(serverFingerprint: certificate.fingerprint)
        let connection = try ReceiveConnection(
            configuration: .init(localICE: local, remoteICE: remote, dtlsRole: .server, remoteFingerprint: publisher.certificate.fingerprint,
                                 media: media, declared: declared, recordingBitrate: 3_000_000, feedbackSSRC: 42),
            certificate: certificate)
        var outputs = connection.handle(publisher.check(nominate: true), from: peer, now: 0)
        var toServer = publisher.dtls.start().compactMap { if case let .send(d) = $0 { d } else { nil } }
        for _ in 0..<10 where !toServer.isEmpty {
            var toClient: [[UInt8]] = []
            for datagram in toServer {
                let out = connection.handle(datagram, from: peer, now: 1000)
                outputs += out
                toClient += out.compactMap { if case let .send(d, _) = $0, PacketKind(classifying: d[...]) == .dtls { d } else { nil } }
            }
            toServer = []
            for datagram in toClient {
                for output in publisher.dtls.handle(datagram) {
                    switch output {
                    case let .send(d): toServer.append(d)
                    case let .connected(keys):
                        publisher.srtp = try SRTPSession(profile: keys.profile, key: keys.localKey, salt: keys.localSalt, direction: .outbound)
                        publisher.srtcpIn = try SRTPSession(profile: keys.profile, key: keys.remoteKey, salt: keys.remoteSalt, direction: .inbound)
                    case .failed: break
                    }
                }
            }
        }
        return (connection, publisher, outputs)
    }

    /// The RTCP the connection sent, decrypted by the publisher.
    static func feedback(_ outputs: [ReceiveConnection.Output], _ publisher: Publisher) throws -> [RTCPPacket] {
        var packets: [RTCPPacket] = []
        for case let .send(bytes, _) in outputs where PacketKind(classifying: bytes[...]) == .rtcp {
            packets += try RTCPPacket.parseCompound(try publisher.srtcpIn!.unprotectRTCP(bytes))
        }
        return packets
    }

    @Test func connectsAndHandsOutDecryptedMediaWithItsTrack() throws {
        let (connection, publisher, outputs) = try Self.connected()
        #expect(outputs.contains { if case .connected(Self.peer) = $0 { true } else { false } })
        #expect(connection.isConnected && publisher.srtp != nil)

        let plain = publisher.vp8(timestamp: 3000, key: true)
        let media = connection.handle(try publisher.srtp!.protectRTP(plain), from: Self.peer, now: 10_000)
        guard case let .trackAdded(track)? = media.first, case let .rtp(index, bytes)? = media.last else {
            Issue.record("track and packet expected: \(media)")
            return
        }
        #expect(track.kind == "video" && track.codec.name == "VP8" && track.ssrc == Self.videoSSRC && track.mid == "1")
        #expect(track.retransmissionPayloadTypes == [97: 96])
        #expect(index == 0 && bytes == plain)
        _ = connection.advance(to: 600_000)  // past the assembler's start window
        #expect(connection.keyframesReceived == 1)

        // The same ciphertext from an address ICE did not select is refused.
        let foreign = connection.handle(try publisher.srtp!.protectRTP(publisher.vp8(timestamp: 6000, key: false)), from: Self.stranger, now: 11_000)
        #expect(foreign.isEmpty && connection.statistics.rejected["media from an unselected address"] == 1)
        // Garbage that is not SRTP under these keys is refused too.
        #expect(connection.handle([0x80, 96] + [UInt8](repeating: 1, count: 60), from: Self.peer, now: 12_000).isEmpty)
        #expect(connection.statistics.rejected["srtp authentication"] == 1)
    }

    @Test func asksForAKeyframeUntilOneArrivesThenReports() throws {
        let (connection, publisher, _) = try Self.connected()
        _ = connection.handle(try publisher.srtp!.protectRTP(publisher.vp8(timestamp: 3000, key: false)), from: Self.peer, now: 10_000)
        let first = try Self.feedback(connection.advance(to: 20_000), publisher)
        #expect(first.contains { if case let .pictureLossIndication(pli) = $0 { pli.mediaSSRC == Self.videoSSRC } else { false } })
        #expect(first.contains { if case let .receiverReport(rr) = $0 { rr.reports.first?.ssrc == Self.videoSSRC } else { false } })
        #expect(first.contains { if case let .receiverEstimatedBitrate(remb) = $0 { remb.bitrate <= 3_000_000 && remb.bitrate > 2_900_000 } else { false } })
        // Rate-limited: not again within the interval, again after it.
        #expect(try Self.feedback(connection.advance(to: 500_000), publisher).isEmpty)
        let again = try Self.feedback(connection.advance(to: 1_600_000), publisher)
        #expect(again.contains { if case .pictureLossIndication = $0 { true } else { false } })
        // A keyframe ends the requests.
        _ = connection.handle(try publisher.srtp!.protectRTP(publisher.vp8(timestamp: 6000, key: true)), from: Self.peer, now: 1_700_000)
        let after = try Self.feedback(connection.advance(to: 5_000_000), publisher)
        #expect(!after.contains { if case .pictureLossIndication = $0 { true } else { false } })
        #expect(connection.statistics.pictureLossIndicationsSent == 2)
    }

    @Test func nacksAGapAndTakesTheRTXRepair() throws {
        let (connection, publisher, _) = try Self.connected(declared: ["1": {
            var d = DeclaredStreams()
            d.retransmission = [Self.videoSSRC: Self.rtxSSRC]
            d.ssrcs = [Self.videoSSRC, Self.rtxSSRC]
            return d
        }()])
        let first = publisher.vp8(timestamp: 3000, key: true)
        let lost = publisher.vp8(timestamp: 6000, key: false)
        let third = publisher.vp8(timestamp: 9000, key: false)
        var outputs = connection.handle(try publisher.srtp!.protectRTP(first), from: Self.peer, now: 10_000)
        outputs += connection.handle(try publisher.srtp!.protectRTP(third), from: Self.peer, now: 20_000)
        let feedback = try Self.feedback(connection.advance(to: 40_000), publisher)
        let nacked = feedback.compactMap { if case let .nack(nack) = $0 { nack } else { nil } }
        #expect(nacked.count == 1 && nacked.first?.mediaSSRC == Self.videoSSRC && nacked.first?.lostSequenceNumbers == [1001])

        let repair = try publisher.rtx(of: lost)
        outputs = connection.handle(try publisher.srtp!.protectRTP(repair), from: Self.peer, now: 45_000)
        guard case let .rtp(track, bytes)? = outputs.first else {
            Issue.record("the RTX packet goes out as received: \(outputs)")
            return
        }
        #expect(track == 0 && bytes == repair)
        #expect(connection.statistics.retransmissionsReceived == 1)
        // Repaired: nothing more to ask for.
        let later = try Self.feedback(connection.advance(to: 200_000), publisher)
        #expect(!later.contains { if case .nack = $0 { true } else { false } })
        #expect(connection.tracks.first?.retransmissionSSRC == Self.rtxSSRC)
        #expect(connection.nackStatistics.recovered == 1 && connection.nackStatistics.missing == 1)
    }

    /// Chromium probes bandwidth with RTX padding before its first video
    /// packet; the offer's FID group says whose RTX it is.
    @Test func rtxAheadOfItsStreamOpensTheDeclaredTrack() throws {
        var declared = DeclaredStreams()
        declared.retransmission = [Self.videoSSRC: Self.rtxSSRC]
        declared.ssrcs = [Self.videoSSRC, Self.rtxSSRC]
        declared.trackName = "camera"
        let (connection, publisher, _) = try Self.connected(declared: ["1": declared])
        let probe = RTPPacketFields(payloadType: 97, sequenceNumber: 1, timestamp: 0, ssrc: Self.rtxSSRC, payload: [], paddingLength: 200)
            .serialize()
        let outputs = connection.handle(try publisher.srtp!.protectRTP(probe), from: Self.peer, now: 10_000)
        guard case let .trackAdded(track)? = outputs.first, case let .rtp(index, bytes)? = outputs.last else {
            Issue.record("a track, then the probe as received: \(outputs)")
            return
        }
        #expect(track.ssrc == Self.videoSSRC && track.retransmissionSSRC == Self.rtxSSRC && track.codec.name == "VP8" && track.name == "camera")
        #expect(index == track.index && bytes == probe)
        let media = connection.handle(try publisher.srtp!.protectRTP(publisher.vp8(timestamp: 3000, key: true)), from: Self.peer, now: 20_000)
        #expect(media.count == 1, "the stream's own packets join the same track: \(media)")
        #expect(connection.statistics.rejected.isEmpty)
    }

    @Test func refusesAPeerWhoseCertificateDoesNotMatchTheFingerprint() throws {
        let certificate = try DTLSCertificate()
        let publisher = try Publisher(serverFingerprint: certificate.fingerprint)
        let impostor = try DTLSCertificate()
        let connection = try ReceiveConnection(
            configuration: .init(localICE: Self.local, remoteICE: Self.remote, dtlsRole: .server, remoteFingerprint: impostor.fingerprint,
                                 media: Self.media),
            certificate: certificate)
        _ = connection.handle(publisher.check(nominate: true), from: Self.peer, now: 0)
        var toServer = publisher.dtls.start().compactMap { if case let .send(d) = $0 { d } else { nil } }
        var closed: String?
        for _ in 0..<10 where !toServer.isEmpty {
            var toClient: [[UInt8]] = []
            for datagram in toServer {
                for output in connection.handle(datagram, from: Self.peer, now: 1000) {
                    if case let .send(d, _) = output { toClient.append(d) }
                    if case let .closed(reason, _) = output { closed = reason }
                }
            }
            toServer = toClient.flatMap { publisher.dtls.handle($0) }.compactMap { if case let .send(d) = $0 { d } else { nil } }
        }
        #expect(closed?.contains("the SDP said") == true)
        #expect(!connection.isConnected && connection.isClosed)
    }

    @Test func dtlsFromAnAddressThatNeverCheckedIsDropped() throws {
        let certificate = try DTLSCertificate()
        let publisher = try Publisher(serverFingerprint: certificate.fingerprint)
        let connection = try ReceiveConnection(
            configuration: .init(localICE: Self.local, remoteICE: Self.remote, dtlsRole: .server,
                                 remoteFingerprint: publisher.certificate.fingerprint, media: Self.media),
            certificate: certificate)
        let hello = publisher.dtls.start().compactMap { if case let .send(d) = $0 { d } else { nil } }
        #expect(!hello.isEmpty)
        for datagram in hello { #expect(connection.handle(datagram, from: Self.stranger, now: 0).isEmpty) }
        #expect(connection.statistics.rejected["dtls from an unchecked address"] == hello.count)
    }
}
