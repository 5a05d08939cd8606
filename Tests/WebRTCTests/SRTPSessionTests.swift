import RTP
import Testing
@testable import WebRTC

/// SRTP sessions keyed from a real DTLS handshake: what one side protects the
/// other unprotects, for both profiles; tampering, replays and wrong keys
/// are rejected.
@Suite struct SRTPSessionTests {
    static func keys() throws -> (client: SRTPKeyMaterial, server: SRTPKeyMaterial) {
        let a = try DTLSCertificate(), b = try DTLSCertificate()
        let client = try DTLSTransport(role: .client, certificate: a, remoteFingerprint: b.fingerprint)
        let server = try DTLSTransport(role: .server, certificate: b, remoteFingerprint: a.fingerprint)
        let (c, s) = DTLSTransportTests.run(client, server)
        return (try #require(DTLSTransportTests.keys(c)), try #require(DTLSTransportTests.keys(s)))
    }

    static func packet(_ sequence: UInt16) -> [UInt8] {
        RTPPacketFields(marker: true, payloadType: 96, sequenceNumber: sequence, timestamp: 3000 * UInt32(sequence), ssrc: 0x1234_5678,
                        payload: (0..<100).map { UInt8(truncatingIfNeeded: $0 &+ Int(sequence)) }).serialize()
    }

    @Test(arguments: [SRTPKeyMaterial.Profile.aeadAes128Gcm, .aes128CmHmacSha1_80])
    func protectedPacketsComeBackIntact(profile: SRTPKeyMaterial.Profile) throws {
        // GCM with the keys of a real handshake (which picks GCM); AES-CM with fixed ones.
        let (client, server) = try Self.keys()
        let key = profile == .aeadAes128Gcm ? client.localKey : (0..<16).map { UInt8($0 * 7) }
        let salt = profile == .aeadAes128Gcm ? client.localSalt : (0..<14).map { UInt8($0 * 13) }
        #expect(profile != .aeadAes128Gcm || (server.remoteKey == key && server.remoteSalt == salt))
        let sender = try SRTPSession(profile: profile, key: key, salt: salt, direction: .outbound)
        let receiver = try SRTPSession(profile: profile, key: key, salt: salt, direction: .inbound)
        for sequence in UInt16(1)...20 {
            let plain = Self.packet(sequence)
            let protected = try sender.protectRTP(plain)
            #expect(protected.count > plain.count && Array(protected[12..<30]) != Array(plain[12..<30]))
            #expect(try receiver.unprotectRTP(protected) == plain)
        }
        // A flipped bit, a replay and a stranger's packet are all refused.
        var tampered = try sender.protectRTP(Self.packet(30))
        tampered[40] ^= 1
        #expect(throws: SRTPSession.Failure.self) { try receiver.unprotectRTP(tampered) }
        let replay = try sender.protectRTP(Self.packet(31))
        _ = try receiver.unprotectRTP(replay)
        #expect(throws: SRTPSession.Failure.self) { try receiver.unprotectRTP(replay) }
        #expect(throws: SRTPSession.Failure.self) { try receiver.unprotectRTP([0x80, 0x60] + [UInt8](repeating: 7, count: 40)) }
    }

    @Test func rtcpRoundTrips() throws {
        let (client, server) = try Self.keys()
        let sender = try SRTPSession(profile: client.profile, key: client.localKey, salt: client.localSalt, direction: .outbound)
        let receiver = try SRTPSession(profile: server.profile, key: server.remoteKey, salt: server.remoteSalt, direction: .inbound)
        let report = RTCPPacket.receiverReport(RTCPReceiverReport(ssrc: 1)).serialize()
        #expect(try receiver.unprotectRTCP(try sender.protectRTCP(report)) == report)
    }
}
