import COpenSSL

/// HMAC-SHA1 through OpenSSL, for STUN's MESSAGE-INTEGRITY (RFC 8489 §14.5).
enum HMACSHA1 {
    static func mac(key: [UInt8], _ data: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { keyBytes in
            data.withUnsafeBufferPointer { bytes in
                _ = HMAC(EVP_sha1(), keyBytes.baseAddress, Int32(keyBytes.count), bytes.baseAddress, bytes.count, &output, &length)
            }
        }
        return output
    }
}
