import APIModel
import Foundation
import Signing

/// What a room token grants: joining one room under one display name until
/// it expires, and (when `mayRecord`) starting and stopping its recording.
public struct RoomGrant: Codable, Equatable, Sendable {
    public var room: String
    public var name: String
    public var mayRecord: Bool
    /// Unix seconds.
    public var expires: Int64

    public init(room: String, name: String, mayRecord: Bool, expires: Int64) {
        self.room = room
        self.name = name
        self.mayRecord = mayRecord
        self.expires = expires
    }
}

/// Room tokens: `v1.BASE64URL(grant JSON).HEX(HMAC-SHA256)`, signed with a
/// key derived from the server's secret. Stateless, so any instance that
/// shares the data directory's secret accepts them.
public struct RoomTokenSigner: Sendable {
    private let key: [UInt8]

    public init(key: [UInt8]) { self.key = key }

    public func token(for grant: RoomGrant) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = Self.base64URL(Array((try? encoder.encode(grant)) ?? Data()))
        return "v1.\(payload).\(HMACDigest.hex(HMACDigest.sha256(key: key, Array(payload.utf8))))"
    }

    /// The grant of a token for `room` that is signed by us and unexpired at `now` (Unix seconds).
    public func verify(_ token: String?, room: String, now: Int64) throws(RoomTokenError) -> RoomGrant {
        guard let token, !token.isEmpty else { throw .missing }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", token.utf8.count <= 4096 else { throw .malformed }
        let expected = Array(HMACDigest.hex(HMACDigest.sha256(key: key, Array(parts[1].utf8))).utf8)
        let given = Array(parts[2].utf8)
        guard ConstantTime.equal(expected, given) else {
            throw .badSignature
        }
        guard let json = Self.decodeBase64URL(String(parts[1])), let grant = try? JSONDecoder().decode(RoomGrant.self, from: Data(json)) else {
            throw .malformed
        }
        guard now <= grant.expires else { throw .expired }
        guard grant.room == room else { throw .wrongRoom }
        return grant
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }
}

public enum RoomTokenError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing, malformed, badSignature, expired, wrongRoom

    public var description: String {
        switch self {
        case .missing: "a room token is needed (?token=, from POST /v1/rooms/{room}/tokens)"
        case .malformed: "the room token is malformed"
        case .badSignature: "the room token's signature is wrong"
        case .expired: "the room token has expired"
        case .wrongRoom: "the room token is for another room"
        }
    }
}
