import COpenSSL

/// SRTP keys exported from a DTLS handshake (RFC 5764 §4.2): the layout of
/// the exporter output is client key | server key | client salt | server salt.
public struct SRTPKeyMaterial: Equatable, Sendable {
    public enum Profile: UInt, Sendable {
        case aes128CmHmacSha1_80 = 0x0001
        case aeadAes128Gcm = 0x0007
        var keyLength: Int { 16 }
        var saltLength: Int { self == .aeadAes128Gcm ? 12 : 14 }
    }
    public var profile: Profile
    public var localKey: [UInt8], localSalt: [UInt8]
    public var remoteKey: [UInt8], remoteSalt: [UInt8]
}

/// One DTLS 1.2 association over OpenSSL with memory BIOs, sans-I/O:
/// datagrams go in with `handle`, datagrams to send and the outcome come
/// out. The peer's certificate is accepted during the handshake only to be
/// compared with the SDP fingerprint after it (RFC 8122 §5); a mismatch
/// fails the association.
///
/// `@unchecked Sendable`: the SSL objects are used by one task at a time
/// (the connection that owns this transport).
public final class DTLSTransport: @unchecked Sendable {
    public enum Role: Sendable { case client, server }

    public enum Output: Equatable, Sendable {
        case send([UInt8])
        case connected(SRTPKeyMaterial)
        case failed(DTLSError)
    }

    public let role: Role
    public let remoteFingerprint: String
    /// Largest datagram sent; handshake flights are split at record boundaries to fit.
    public let mtu: Int
    public private(set) var isConnected = false
    public private(set) var failure: DTLSError?
    public private(set) var malformedDatagrams = 0
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private let incoming: OpaquePointer
    private let outgoing: OpaquePointer

    public init(role: Role, certificate: DTLSCertificate, remoteFingerprint: String, mtu: Int = 1200) throws(DTLSError) {
        self.role = role
        self.remoteFingerprint = remoteFingerprint
        self.mtu = mtu
        guard let context = SSL_CTX_new(DTLS_method()) else { throw .openSSL("SSL_CTX_new: \(DTLSError.lastOpenSSLError())") }
        // Before SSL_new, which copies the context's verify settings.
        tessera_ctx_verify_peer_any(context)
        guard SSL_CTX_use_certificate(context, certificate.certificate) == 1, SSL_CTX_use_PrivateKey(context, certificate.key) == 1,
              tessera_ctx_use_srtp(context, "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80") == 0,
              let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw .openSSL("setting up DTLS: \(DTLSError.lastOpenSSLError())")
        }
        let incoming = BIO_new(BIO_s_mem())!, outgoing = BIO_new(BIO_s_mem())!
        // A memory BIO that runs dry says "retry", not "end of file".
        BIO_ctrl(incoming, BIO_C_SET_BUF_MEM_EOF_RETURN, -1, nil)
        BIO_ctrl(outgoing, BIO_C_SET_BUF_MEM_EOF_RETURN, -1, nil)
        SSL_set_bio(ssl, incoming, outgoing)
        SSL_set_options(ssl, tessera_ssl_op_no_query_mtu())
        _ = tessera_dtls_set_link_mtu(ssl, mtu)
        if role == .client { SSL_set_connect_state(ssl) } else { SSL_set_accept_state(ssl) }
        self.context = context
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing
    }

    deinit {
        SSL_free(ssl)  // frees both BIOs
        SSL_CTX_free(context)
    }

    /// Starts the handshake: the client's first flight (nothing for a server).
    public func start() -> [Output] { step() }

    /// Takes one DTLS datagram from the peer.
    public func handle(_ datagram: [UInt8]) -> [Output] {
        guard failure == nil, !datagram.isEmpty else { return [] }
        datagram.withUnsafeBytes { _ = BIO_write(incoming, $0.baseAddress, Int32($0.count)) }
        return step()
    }

    /// Microseconds until a lost flight must be sent again, if a timer runs.
    public var retransmitDelayMicros: Int64? {
        var tv = timeval()
        guard tessera_dtls_get_timeout(ssl, &tv) == 1 else { return nil }
        return Int64(tv.tv_sec) * 1_000_000 + Int64(tv.tv_usec)
    }

    /// Sends the last flight again when its timer has run out (RFC 6347 §4.2.4).
    public func handleTimeout() -> [Output] {
        guard !isConnected, failure == nil else { return [] }
        if tessera_dtls_handle_timeout(ssl) < 0 { return fail(.handshakeTimedOut) }
        return drainOutgoing().map { .send($0) }
    }

    private func step() -> [Output] {
        var outputs: [Output] = []
        if !isConnected {
            let result = SSL_do_handshake(ssl)
            if result == 1 {
                outputs += drainOutgoing().map { .send($0) }
                outputs.append(finishHandshake())
                return outputs
            }
            let error = SSL_get_error(ssl, result)
            if error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE {
                malformedDatagrams += 1
                let reason = DTLSError.lastOpenSSLError()
                outputs += drainOutgoing().map { .send($0) }  // an alert, if OpenSSL wrote one
                outputs += fail(.openSSL("handshake: \(reason)"))
                return outputs
            }
        } else {
            // After the handshake only alerts or retransmitted flights come; read and drop.
            var scratch = [UInt8](repeating: 0, count: 2048)
            _ = SSL_read(ssl, &scratch, Int32(scratch.count))
            ERR_clear_error()
        }
        return outputs + drainOutgoing().map { .send($0) }
    }

    private func finishHandshake() -> Output {
        guard let peer = SSL_get1_peer_certificate(ssl) else { return fail(.openSSL("the peer sent no certificate")).first! }
        defer { X509_free(peer) }
        let got = "sha-256 " + DTLSCertificate.sha256(of: peer)
        guard Self.normalized(got) == Self.normalized(remoteFingerprint) else {
            return fail(.fingerprintMismatch(expected: remoteFingerprint, got: got)).first!
        }
        guard let selected = SSL_get_selected_srtp_profile(ssl),
              let profile = SRTPKeyMaterial.Profile(rawValue: UInt(selected.pointee.id)) else { return fail(.noSRTPProfile).first! }
        let keyLength = profile.keyLength, saltLength = profile.saltLength
        var material = [UInt8](repeating: 0, count: 2 * (keyLength + saltLength))
        let label = "EXTRACTOR-dtls_srtp"
        guard SSL_export_keying_material(ssl, &material, material.count, label, label.utf8.count, nil, 0, 0) == 1 else {
            return fail(.openSSL("exporting SRTP keys: \(DTLSError.lastOpenSSLError())")).first!
        }
        let clientKey = Array(material[0..<keyLength]), serverKey = Array(material[keyLength..<(2 * keyLength)])
        let clientSalt = Array(material[(2 * keyLength)..<(2 * keyLength + saltLength)])
        let serverSalt = Array(material[(2 * keyLength + saltLength)...])
        isConnected = true
        return .connected(role == .client
            ? SRTPKeyMaterial(profile: profile, localKey: clientKey, localSalt: clientSalt, remoteKey: serverKey, remoteSalt: serverSalt)
            : SRTPKeyMaterial(profile: profile, localKey: serverKey, localSalt: serverSalt, remoteKey: clientKey, remoteSalt: clientSalt))
    }

    private func fail(_ error: DTLSError) -> [Output] {
        failure = error
        return [.failed(error)]
    }

    static func normalized(_ fingerprint: String) -> String {
        fingerprint.uppercased().filter { !$0.isWhitespace }
    }

    /// What OpenSSL wrote, as datagrams of whole DTLS records (RFC 6347
    /// §4.1: 13-byte header, length in its last two bytes) of at most `mtu` bytes.
    private func drainOutgoing() -> [[UInt8]] {
        let pending = Int(BIO_ctrl_pending(outgoing))
        guard pending > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: pending)
        let read = bytes.withUnsafeMutableBytes { BIO_read(outgoing, $0.baseAddress, Int32(pending)) }
        guard read > 0 else { return [] }
        bytes.removeLast(pending - Int(read))
        var datagrams: [[UInt8]] = []
        var current: [UInt8] = []
        var offset = 0
        while offset + 13 <= bytes.count {
            let length = Int(bytes[offset + 11]) << 8 | Int(bytes[offset + 12])
            let end = Swift.min(bytes.count, offset + 13 + length)
            if !current.isEmpty && current.count + (end - offset) > mtu {
                datagrams.append(current)
                current = []
            }
            current += bytes[offset..<end]
            offset = end
        }
        if !current.isEmpty { datagrams.append(current) }
        return datagrams
    }
}
