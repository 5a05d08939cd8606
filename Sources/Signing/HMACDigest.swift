import COpenSSL

/// HMAC (RFC 2104) through OpenSSL, the one helper every signature in
/// tessera goes through: SHA-1 for STUN's MESSAGE-INTEGRITY (RFC 8489
/// §14.5), SHA-256 for webhook signatures, download links and room tokens.
public enum HMACDigest {
    public static func sha1<Bytes: Collection<UInt8>>(key: [UInt8], _ data: Bytes) -> [UInt8] { mac(EVP_sha1(), length: 20, key: key, data) }

    public static func sha256<Bytes: Collection<UInt8>>(key: [UInt8], _ data: Bytes) -> [UInt8] { mac(EVP_sha256(), length: 32, key: key, data) }

    /// Lowercase hex, as signatures are written in headers and tokens.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }

    private static func mac<Bytes: Collection<UInt8>>(_ digest: OpaquePointer?, length: Int, key: [UInt8], _ data: Bytes) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: length)
        var written: UInt32 = 0
        let bytes = Array(data)
        key.withUnsafeBufferPointer { keyBytes in
            bytes.withUnsafeBufferPointer { input in
                _ = HMAC(digest, keyBytes.baseAddress, Int32(keyBytes.count), input.baseAddress, input.count, &output, &written)
            }
        }
        return output
    }
}
