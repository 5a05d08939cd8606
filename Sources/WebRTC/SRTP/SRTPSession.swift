import CSRTP

/// One direction of SRTP/SRTCP (RFC 3711, RFC 7714 for GCM) through
/// libsrtp2, keyed from the DTLS export (RFC 5764 §4.2). Inbound sessions
/// unprotect what peers send; outbound ones protect our RTCP feedback.
///
/// `@unchecked Sendable`: the libsrtp session is used by one task at a time.
public final class SRTPSession: @unchecked Sendable {
    public enum Direction: Sendable { case inbound, outbound }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case setup(Int)
        /// Authentication failed, a replay, or bytes that are not SRTP.
        case rejected(Int)
        public var description: String {
            switch self {
            case let .setup(code): "SRTP: cannot create a session (libsrtp error \(code))"
            case let .rejected(code): "SRTP: packet rejected (libsrtp error \(code))"
            }
        }
    }

    /// libsrtp's one-time setup. Its result is not trusted alone: another
    /// user in the process may have run it already (a second call can report
    /// an error while the library works); `srtp_create` says whether it does.
    private static let initialized: Void = { _ = srtp_init() }()
    private var session: srtp_t?

    /// `key` and `salt` are the master key and salt for this direction: the
    /// peer's for inbound, ours for outbound.
    public init(profile: SRTPKeyMaterial.Profile, key: [UInt8], salt: [UInt8], direction: Direction) throws(Failure) {
        Self.initialized
        var policy = srtp_policy_t()
        switch profile {
        case .aes128CmHmacSha1_80:
            srtp_crypto_policy_set_rtp_default(&policy.rtp)  // AES_CM_128_HMAC_SHA1_80
            srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
        case .aeadAes128Gcm:
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
        }
        policy.ssrc = srtp_ssrc_t(type: direction == .inbound ? ssrc_any_inbound : ssrc_any_outbound, value: 0)
        // A wide replay window: retransmissions (NACK) arrive late by design.
        policy.window_size = 4096
        policy.allow_repeat_tx = 1
        var master = key + salt
        var created: srtp_t?
        let status = master.withUnsafeMutableBufferPointer { buffer -> srtp_err_status_t in
            policy.key = buffer.baseAddress
            return srtp_create(&created, &policy)
        }
        guard status == srtp_err_status_ok, let created else { throw .setup(Int(status.rawValue)) }
        session = created
    }

    deinit { if let session { srtp_dealloc(session) } }

    /// Decrypts and authenticates an SRTP packet; returns the RTP packet.
    public func unprotectRTP(_ packet: [UInt8]) throws(Failure) -> [UInt8] {
        try run(packet, extra: 0) { srtp_unprotect($0, $1, $2) }
    }

    public func unprotectRTCP(_ packet: [UInt8]) throws(Failure) -> [UInt8] {
        try run(packet, extra: 0) { srtp_unprotect_rtcp($0, $1, $2) }
    }

    public func protectRTP(_ packet: [UInt8]) throws(Failure) -> [UInt8] {
        try run(packet, extra: Int(SRTP_MAX_TRAILER_LEN)) { srtp_protect($0, $1, $2) }
    }

    public func protectRTCP(_ packet: [UInt8]) throws(Failure) -> [UInt8] {
        try run(packet, extra: Int(SRTP_MAX_TRAILER_LEN) + 4) { srtp_protect_rtcp($0, $1, $2) }
    }

    private func run(_ packet: [UInt8], extra: Int,
                     _ operation: (srtp_t?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int32>?) -> srtp_err_status_t) throws(Failure) -> [UInt8] {
        guard packet.count >= 8 else { throw .rejected(-2) }  // the smallest RTCP packet
        var buffer = packet + [UInt8](repeating: 0, count: extra)
        var length = Int32(packet.count)
        let status = buffer.withUnsafeMutableBytes { operation(session, $0.baseAddress, &length) }
        guard status == srtp_err_status_ok else { throw .rejected(Int(status.rawValue)) }
        buffer.removeLast(buffer.count - Int(length))
        return buffer
    }
}
