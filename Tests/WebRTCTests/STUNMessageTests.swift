import Foundation
import Signing
import Testing
@testable import WebRTC

@Suite struct STUNMessageTests {
    static let transaction: [UInt8] = [0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae]
    static let password = Array("VOkJxbRl1RmTxUk/WvJxBt".utf8)

    static func checkRequest() -> STUNMessage {
        STUNMessage(messageClass: .request, transactionID: transaction, attributes: [
            .software("tessera test"), .priority(0x6e0001ff), .iceControlling(tieBreaker: 0x932f_f9b1_5126_3b36),
            .useCandidate, .username("evtj:h6vY"),
        ])
    }

    @Test func primitivesMatchTheirStandards() {
        // RFC 2202 test case 1 and the CRC-32 check value of "123456789".
        #expect(HMACDigest.sha1(key: Array(repeating: 0x0b, count: 20), Array("Hi There".utf8)[...])
            == [0xb6, 0x17, 0x31, 0x86, 0x55, 0x05, 0x72, 0x64, 0xe2, 0x8b, 0xc0, 0xb6, 0xfb, 0x37, 0x8c, 0x8e, 0xf1, 0x46, 0xbe, 0x00])
        #expect(CRC32.checksum(Array("123456789".utf8)[...]) == 0xCBF4_3926)
    }

    @Test func requestRoundTripsWithIntegrityAndFingerprint() throws {
        let bytes = Self.checkRequest().serialize(integrityKey: Self.password)
        #expect(bytes.count % 4 == 0)
        let parsed = try STUNMessage(parsing: bytes[...])
        #expect(parsed.messageClass == .request && parsed.method == STUNMessage.binding)
        #expect(parsed.transactionID == Self.transaction)
        #expect(parsed.username == "evtj:h6vY" && parsed.priority == 0x6e0001ff && parsed.hasUseCandidate)
        #expect(Array(parsed.attributes.prefix(5)) == Self.checkRequest().attributes)
        guard case .messageIntegrity = parsed.attributes[5], case .fingerprint = parsed.attributes[6] else {
            Issue.record("integrity then fingerprint last: \(parsed.attributes)")
            return
        }
        #expect(STUNMessage.verifyIntegrity(of: bytes[...], key: Self.password))
        #expect(!STUNMessage.verifyIntegrity(of: bytes[...], key: Array("wrong".utf8)))
    }

    /// An independent implementation (Python's hmac, hashlib and zlib) agrees
    /// on the integrity and fingerprint tessera writes.
    @Test func pythonAgreesOnIntegrityAndFingerprint() throws {
        let bytes = Self.checkRequest().serialize(integrityKey: Self.password)
        let script = """
        import hmac, hashlib, struct, sys, zlib
        m = bytes.fromhex(sys.argv[1]); key = sys.argv[2].encode()
        mi = len(m) - 8 - 24
        head = bytearray(m[:mi]); head[2:4] = struct.pack('>H', mi + 24 - 20)
        assert hmac.new(key, bytes(head), hashlib.sha1).digest() == m[mi + 4:mi + 24], 'integrity'
        assert (zlib.crc32(m[:-8]) ^ 0x5354554e) == struct.unpack('>I', m[-4:])[0], 'fingerprint'
        print('ok')
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, bytes.map { String(format: "%02x", $0) }.joined(), String(decoding: Self.password, as: UTF8.self)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == "ok\n")
    }

    @Test(arguments: [
        (STUNAddress(ip: [192, 0, 2, 1], port: 32853), [UInt8]([0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43])),
        (STUNAddress(ip: [0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77], port: 32853),
         [0x00, 0x02, 0xa1, 0x47, 0x01, 0x13, 0xa9, 0xfa, 0xa5, 0xd3, 0xf1, 0x79, 0xbc, 0x25, 0xf4, 0xb5, 0xbe, 0xd2, 0xb9, 0xd9]),
    ])
    func xorMappedAddressIsXoredWithCookieAndTransaction(address: STUNAddress, encoded: [UInt8]) throws {
        let response = STUNMessage(messageClass: .success, transactionID: Self.transaction, attributes: [.xorMappedAddress(address)])
        let bytes = response.serialize(fingerprint: false)
        #expect(Array(bytes[24...]) == encoded)
        #expect(try STUNMessage(parsing: bytes[...]).xorMappedAddress == address)
    }

    @Test(arguments: [
        ("too short", [UInt8](repeating: 0, count: 19), STUNError.tooShort(19)),
        ("RTP, not STUN", [0x80] + [UInt8](repeating: 0, count: 19), .notSTUN),
        ("no magic cookie", [0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x43] + [UInt8](repeating: 0, count: 12), .notSTUN),
        ("length past the end", [0, 1, 0, 8, 0x21, 0x12, 0xa4, 0x42] + [UInt8](repeating: 0, count: 12), .badLength(declared: 8, available: 0)),
        ("attribute past the end", [0, 1, 0, 4, 0x21, 0x12, 0xa4, 0x42] + [UInt8](repeating: 0, count: 12) + [0, 6, 0, 9], .truncatedAttribute(type: 6)),
        ("priority of 2 bytes", [0, 1, 0, 8, 0x21, 0x12, 0xa4, 0x42] + [UInt8](repeating: 0, count: 12) + [0, 0x24, 0, 2, 1, 2, 0, 0],
         .malformedAttribute(type: 0x24, "not 4 bytes")),
        ("username not UTF-8", [0, 1, 0, 8, 0x21, 0x12, 0xa4, 0x42] + [UInt8](repeating: 0, count: 12) + [0, 6, 0, 2, 0xff, 0xfe, 0, 0],
         .malformedAttribute(type: 6, "not UTF-8 text of at most 763 bytes")),
        ("error code 200", [1, 0x11, 0, 8, 0x21, 0x12, 0xa4, 0x42] + [UInt8](repeating: 0, count: 12) + [0, 9, 0, 4, 0, 0, 2, 0],
         .malformedAttribute(type: 9, "code 200 outside 300–699")),
    ])
    func malformedMessagesAreRefusedWithAReason(name: String, bytes: [UInt8], error: STUNError) {
        #expect(throws: error, "\(name)") { try STUNMessage(parsing: bytes[...]) }
    }

    @Test func tamperingIsCaught() throws {
        var bytes = Self.checkRequest().serialize(integrityKey: Self.password)
        bytes[30] ^= 1  // inside the SOFTWARE value
        #expect(throws: STUNError.badFingerprint) { try STUNMessage(parsing: bytes[...]) }
        let unfingerprinted = Self.checkRequest().serialize(integrityKey: Self.password, fingerprint: false)
        var tampered = unfingerprinted
        tampered[30] ^= 1
        #expect(STUNMessage.verifyIntegrity(of: unfingerprinted[...], key: Self.password))
        #expect(!STUNMessage.verifyIntegrity(of: tampered[...], key: Self.password))
        // Anything but FINGERPRINT after MESSAGE-INTEGRITY is refused.
        let extra = unfingerprinted + [0x80, 0x22, 0, 0]
        var lengthFixed = extra
        lengthFixed[3] = UInt8(extra.count - 20)
        #expect(throws: STUNError.attributeAfterIntegrity(type: 0x8022)) { try STUNMessage(parsing: lengthFixed[...]) }
    }

    @Test(arguments: [
        ([UInt8](), PacketKind.unknown), ([0x00, 0x01], .stun), ([0x03], .stun), ([22, 254, 253], .dtls), ([63], .dtls),
        ([0x80, 0x60], .rtp), ([0x90, 0xe0], .rtp), ([0x80, 200], .rtcp), ([0x81, 205], .rtcp), ([0xbf, 223], .rtcp),
        ([4], .unknown), ([64], .unknown), ([192], .unknown), ([255], .unknown),
    ])
    func datagramsAreSortedByTheirFirstByte(bytes: [UInt8], kind: PacketKind) {
        #expect(PacketKind(classifying: bytes[...]) == kind)
    }
}
