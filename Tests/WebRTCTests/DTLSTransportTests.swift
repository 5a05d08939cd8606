import Testing
@testable import WebRTC

/// Two DTLS transports (OpenSSL on both ends) shake hands through memory:
/// the SRTP keys they export must mirror each other, and a certificate that
/// does not match the SDP fingerprint must fail the association.
@Suite struct DTLSTransportTests {
    /// Passes every datagram across until neither side has anything to say.
    static func run(_ client: DTLSTransport, _ server: DTLSTransport) -> (client: [DTLSTransport.Output], server: [DTLSTransport.Output]) {
        var clientOutputs = client.start(), serverOutputs: [DTLSTransport.Output] = []
        var toServer = clientOutputs.compactMap { if case let .send(d) = $0 { d } else { nil } }
        var toClient: [[UInt8]] = []
        for _ in 0..<20 where !(toServer.isEmpty && toClient.isEmpty) {
            for datagram in toServer {
                let out = server.handle(datagram)
                serverOutputs += out
                toClient += out.compactMap { if case let .send(d) = $0 { d } else { nil } }
            }
            toServer = []
            for datagram in toClient {
                let out = client.handle(datagram)
                clientOutputs += out
                toServer += out.compactMap { if case let .send(d) = $0 { d } else { nil } }
            }
            toClient = []
        }
        return (clientOutputs, serverOutputs)
    }

    static func keys(_ outputs: [DTLSTransport.Output]) -> SRTPKeyMaterial? {
        for case let .connected(keys) in outputs { return keys }
        return nil
    }

    @Test func handshakeExportsMirroredSRTPKeys() throws {
        let a = try DTLSCertificate(), b = try DTLSCertificate()
        #expect(a.fingerprint.hasPrefix("sha-256 ") && a.fingerprint.count == 8 + 95 && a.fingerprint != b.fingerprint)
        let client = try DTLSTransport(role: .client, certificate: a, remoteFingerprint: b.fingerprint)
        let server = try DTLSTransport(role: .server, certificate: b, remoteFingerprint: a.fingerprint.lowercased())
        let (clientOutputs, serverOutputs) = Self.run(client, server)
        let clientKeys = try #require(Self.keys(clientOutputs), "\(clientOutputs)")
        let serverKeys = try #require(Self.keys(serverOutputs), "\(serverOutputs)")
        #expect(clientKeys.profile == .aeadAes128Gcm)
        #expect(clientKeys.localKey == serverKeys.remoteKey && clientKeys.remoteKey == serverKeys.localKey)
        #expect(clientKeys.localSalt == serverKeys.remoteSalt && clientKeys.localSalt.count == 12)
        #expect(clientKeys.localKey != clientKeys.remoteKey)
        #expect(client.isConnected && server.isConnected)
        let sizes = (clientOutputs + serverOutputs).compactMap { if case let .send(d) = $0 { d.count } else { nil } }
        #expect(sizes.allSatisfy { $0 <= 1200 })
    }

    @Test func aCertificateThatIsNotTheAnnouncedOneIsRefused() throws {
        let a = try DTLSCertificate(), b = try DTLSCertificate(), impostor = try DTLSCertificate()
        let client = try DTLSTransport(role: .client, certificate: a, remoteFingerprint: b.fingerprint)
        let server = try DTLSTransport(role: .server, certificate: impostor, remoteFingerprint: a.fingerprint)
        let (clientOutputs, _) = Self.run(client, server)
        #expect(clientOutputs.contains { if case .failed(.fingerprintMismatch) = $0 { true } else { false } })
        #expect(Self.keys(clientOutputs) == nil)
        #expect(!client.isConnected)
    }

    /// Garbage is dropped (RFC 6347 §4.1.2.7: invalid records are discarded),
    /// so a stranger cannot kill the association; the real handshake still works.
    @Test func garbageDuringTheHandshakeIsIgnored() throws {
        let a = try DTLSCertificate(), b = try DTLSCertificate()
        let client = try DTLSTransport(role: .client, certificate: a, remoteFingerprint: b.fingerprint)
        let server = try DTLSTransport(role: .server, certificate: b, remoteFingerprint: a.fingerprint)
        for garbage in [[22, 254, 253] + [UInt8](repeating: 0xAB, count: 60), [23, 254, 253, 0, 0], [1, 2, 3]] {
            #expect(server.handle(garbage).isEmpty)
        }
        #expect(server.failure == nil)
        let (clientOutputs, serverOutputs) = Self.run(client, server)
        #expect(Self.keys(clientOutputs) != nil && Self.keys(serverOutputs) != nil)
    }
}
