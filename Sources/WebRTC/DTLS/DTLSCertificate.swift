import COpenSSL

/// The ECDSA P-256 key and self-signed certificate tessera presents in DTLS
/// handshakes, made at start. Peers check it against the SHA-256
/// fingerprint our SDP carries (RFC 8122 §5), not against any authority.
///
/// `@unchecked Sendable`: the key and certificate are never changed after
/// `init`; OpenSSL takes its own references when a context uses them.
public final class DTLSCertificate: @unchecked Sendable {
    let key: OpaquePointer
    let certificate: OpaquePointer
    /// "sha-256 AB:CD:…", as `a=fingerprint` wants it.
    public let fingerprint: String

    public init(commonName: String = "tessera") throws(DTLSError) {
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        guard tessera_make_self_signed(commonName, &key, &certificate) == 1, let key, let certificate else {
            throw .openSSL("making a certificate: \(DTLSError.lastOpenSSLError())")
        }
        self.key = key
        self.certificate = certificate
        fingerprint = "sha-256 " + Self.sha256(of: certificate)
    }

    deinit {
        X509_free(certificate)
        EVP_PKEY_free(key)
    }

    /// The colon-separated upper-case hex SHA-256 of a certificate's DER.
    static func sha256(of certificate: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        X509_digest(certificate, EVP_sha256(), &digest, &length)
        return digest.prefix(Int(length)).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }
}

/// Why a DTLS association failed.
public enum DTLSError: Error, Equatable, Sendable, CustomStringConvertible {
    case openSSL(String)
    case fingerprintMismatch(expected: String, got: String)
    case noSRTPProfile
    case handshakeTimedOut

    public var description: String {
        switch self {
        case let .openSSL(message): "DTLS: \(message)"
        case let .fingerprintMismatch(expected, got): "DTLS: the peer's certificate is \(got), the SDP said \(expected)"
        case .noSRTPProfile: "DTLS: the peer agreed on no SRTP profile tessera supports"
        case .handshakeTimedOut: "DTLS: the handshake did not complete in time"
        }
    }

    /// Drains OpenSSL's error queue into one line.
    static func lastOpenSSLError() -> String {
        var messages: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "unknown error" : messages.joined(separator: "; ")
    }
}
