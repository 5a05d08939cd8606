import COpenSSL

/// Message digests through OpenSSL's EVP interface: SHA-256 for AWS
/// Signature Version 4 payload hashes, MD5 for S3's Content-MD5 and ETags
/// (RFC 1864). `Digest` hashes bytes fed in pieces, so a file of any size
/// is hashed without being held in memory.
public final class Digest {
    public enum Algorithm: Sendable { case sha256, md5 }

    private let context: OpaquePointer?

    public init(_ algorithm: Algorithm) {
        context = EVP_MD_CTX_new()
        _ = EVP_DigestInit_ex(context, algorithm == .sha256 ? EVP_sha256() : EVP_md5(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ buffer: UnsafeRawBufferPointer) { _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) }

    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The digest of everything fed in; the hasher is spent afterwards.
    public func finish() -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &output, &length)
        return Array(output.prefix(Int(length)))
    }

    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        let digest = Digest(.sha256)
        digest.update(bytes)
        return digest.finish()
    }

    public static func md5(_ bytes: [UInt8]) -> [UInt8] {
        let digest = Digest(.md5)
        digest.update(bytes)
        return digest.finish()
    }
}
