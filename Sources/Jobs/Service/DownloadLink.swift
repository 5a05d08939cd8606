import APIModel
import Foundation
import Signing

/// Signed, expiring download links: `?expires=UNIX&signature=HEX`, where
/// the signature is HMAC-SHA256 under the server's link secret of
/// "jobID/fileName/expires". Anyone holding the link may download that one
/// file until it expires, without the API key.
public struct DownloadLinkSigner: Sendable {
    private let secret: [UInt8]

    public init(secret: [UInt8]) { self.secret = secret }

    /// Reads the secret kept in the data directory, or makes one (32 random bytes, mode 0600).
    public init(dataDirectory: String) throws {
        let path = dataDirectory + "/link-secret"
        if let data = FileManager.default.contents(atPath: path), data.count >= 32 {
            secret = Array(data)
            return
        }
        let bytes = Self.randomSecret()
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw ServiceError(status: 500, code: "internal", message: "cannot write \(path)")
        }
        secret = bytes
    }

    /// 32 random bytes: a new secret.
    public static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A key for another use of the same secret (room tokens), so one signature never stands for another.
    public func derivedKey(purpose: String) -> [UInt8] {
        HMACDigest.sha256(key: secret, Array("tessera/\(purpose)".utf8))
    }

    public func signature(job: String, file: String, expires: Int64) -> String {
        HMACDigest.hex(HMACDigest.sha256(key: secret, Array("\(job)/\(file)/\(expires)".utf8)))
    }

    /// Whether a link's signature is right and it has not expired at `now` (Unix seconds).
    public func verify(job: String, file: String, expires: Int64, signature: String, now: Int64) -> Bool {
        guard now <= expires else { return false }
        let expected = Array(self.signature(job: job, file: file, expires: expires).utf8)
        let given = Array(signature.utf8)
        return ConstantTime.equal(expected, given)
    }
}
