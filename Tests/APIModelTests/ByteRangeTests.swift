import Testing
@testable import APIModel

/// RFC 9110 §14.1.2 byte ranges against a 1000-byte file.
@Suite struct ByteRangeTests {
    @Test(arguments: [
        ("bytes=0-99", ByteRange.range(0...99)),
        ("bytes=900-", .range(900...999)),
        ("bytes=-100", .range(900...999)),
        ("bytes=-5000", .range(0...999)),
        ("bytes=500-5000", .range(500...999)),
        ("bytes=1000-", .unsatisfiable),
        ("bytes=1000-1001", .unsatisfiable),
        ("bytes=-0", .unsatisfiable),
        ("bytes=5-4", .whole),
        ("bytes=0-1,5-6", .whole),
        ("bytes=a-b", .whole),
        ("items=0-1", .whole),
        ("bytes=-", .whole),
        ("bytes=--1", .whole),
    ])
    func parses(header: String, expected: ByteRange) {
        #expect(ByteRange(header: header, size: 1000) == expected, "\(header)")
    }

    @Test func noHeaderIsTheWholeFile() {
        #expect(ByteRange(header: nil, size: 10) == .whole)
        #expect(ByteRange(header: "bytes=0-", size: 0) == .unsatisfiable)
    }
}

@Suite struct APIAuthorizerTests {
    @Test(arguments: [
        ("Bearer k1", true), ("Bearer k2", true), ("Bearer k3", false), ("Bearer ", false), ("bearer k1", false),
        ("k1", false), ("Bearer k1 ", false), ("Bearer k", false),
    ])
    func checksEveryKey(header: String, allowed: Bool) {
        #expect(APIAuthorizer(keys: ["k1", "k2"]).allows(authorization: header) == allowed, "\(header)")
    }

    @Test func noKeysMeansOpen() {
        #expect(APIAuthorizer(keys: []).isOpen && APIAuthorizer(keys: []).allows(authorization: nil))
        #expect(!APIAuthorizer(keys: ["k"]).allows(authorization: nil))
    }
}

@Suite struct ConstantTimeTests {
    @Test func tokensCompareWholly() {
        #expect(ConstantTime.equal(Array("secret".utf8), Array("secret".utf8)))
        #expect(!ConstantTime.equal(Array("secret".utf8), Array("secres".utf8)))
        #expect(!ConstantTime.equal(Array("secret".utf8), Array("secret2".utf8)))
        #expect(!ConstantTime.equal([], Array("s".utf8)))
    }
}

@Suite struct SafeNameTests {
    @Test(arguments: [("room-1_A", true), ("", false), ("a b", false), ("ü", false), ("../x", false), ("a.b", false),
                      (String(repeating: "x", count: 64), true), (String(repeating: "x", count: 65), false)])
    func oneRuleForNamesFromClients(name: String, valid: Bool) {
        #expect(SafeName.isValid(name) == valid)
        #expect(JobIDs.isSafe(name) == valid)
    }

    @Test func madeIdsAreSafe() {
        for _ in 0..<100 { #expect(SafeName.isValid(JobIDs.make()) && JobIDs.make().count == 16) }
    }
}
