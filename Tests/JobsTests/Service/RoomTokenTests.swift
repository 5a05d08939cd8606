import Foundation
import Testing
@testable import Jobs

@Suite struct RoomTokenTests {
    static let signer = RoomTokenSigner(key: Array("a key of thirty-two bytes or so!".utf8))
    static let grant = RoomGrant(room: "standup", name: "Ada", mayRecord: true, expires: 2_000)

    @Test func aTokenCarriesItsGrant() throws {
        #expect(try Self.signer.verify(Self.signer.token(for: Self.grant), room: "standup", now: 1_000) == Self.grant)
    }

    @Test(arguments: [
        (nil, 1_000, "standup", RoomTokenError.missing),
        ("", 1_000, "standup", .missing),
        ("v2.abc.def", 1_000, "standup", .malformed),
        ("v1.only-two", 1_000, "standup", .malformed),
        ("TOKEN", 2_001, "standup", .expired),
        ("TOKEN", 1_000, "other", .wrongRoom),
        ("OTHERKEY", 1_000, "standup", .badSignature),
        ("TAMPERED", 1_000, "standup", .badSignature),
    ] as [(String?, Int64, String, RoomTokenError)])
    func refusals(token: String?, now: Int64, room: String, error: RoomTokenError) {
        let good = Self.signer.token(for: Self.grant)
        let text = token.map {
            $0.replacingOccurrences(of: "TOKEN", with: good)
                .replacingOccurrences(of: "OTHERKEY", with: RoomTokenSigner(key: [1, 2, 3]).token(for: Self.grant))
                .replacingOccurrences(of: "TAMPERED", with: good.replacingOccurrences(of: "v1.e", with: "v1.f"))
        }
        #expect(throws: error) { _ = try Self.signer.verify(text, room: room, now: now) }
    }
}
