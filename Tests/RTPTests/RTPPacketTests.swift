import Testing
@testable import RTP

@Suite struct RTPPacketTests {
    @Test func roundTripsEveryHeaderField() throws {
        let fields = RTPPacketFields(
            marker: true, payloadType: 111, sequenceNumber: 65535, timestamp: 0xdead_beef, ssrc: 0x1234_5678,
            csrcs: [1, 2], extensions: [(id: 1, data: [0xaa]), (id: 3, data: [1, 2, 3])], payload: [9, 8, 7],
            paddingLength: 4)
        let packet = try RTPPacket(parsing: fields.serialize())
        #expect(packet.marker)
        #expect(packet.payloadType == 111)
        #expect(packet.sequenceNumber == 65535)
        #expect(packet.timestamp == 0xdead_beef)
        #expect(packet.ssrc == 0x1234_5678)
        #expect(packet.csrcs == [1, 2])
        #expect(Array(packet.payload) == [9, 8, 7])
        #expect(packet.paddingLength == 4)
        let elements = try packet.headerExtensions.validated()
        #expect(elements.map(\.id) == [1, 3])
        #expect(elements.map { Array($0.data) } == [[0xaa], [1, 2, 3]])
        #expect(packet.headerExtensions.element(id: 3).map(Array.init) == [1, 2, 3])
    }

    @Test func twoByteExtensionsForLongElements() throws {
        let long = [UInt8](repeating: 7, count: 20)
        let fields = RTPPacketFields(extensions: [(id: 20, data: long), (id: 2, data: [])], payload: [1])
        let packet = try RTPPacket(parsing: fields.serialize())
        #expect(packet.headerExtensions.isTwoByte)
        let elements = try packet.headerExtensions.validated()
        #expect(elements.map(\.id) == [20, 2])
        #expect(Array(elements[0].data) == long)
        #expect(elements[1].data.isEmpty)
    }

    @Test func paddingOnlyPacketHasEmptyPayload() throws {
        let packet = try RTPPacket(parsing: RTPPacketFields(payload: [], paddingLength: 200).serialize())
        #expect(packet.isPaddingOnly)
        #expect(packet.paddingLength == 200)
    }

    @Test func viewsDoNotCopy() throws {
        let bytes = [0xff, 0xff] + RTPPacketFields(payload: [5, 6]).serialize()
        let packet = try RTPPacket(parsing: bytes[2...])
        #expect(packet.payloadRange == 14..<16)
        #expect(Array(packet.payload) == [5, 6])
    }

    static let malformed: [(String, [UInt8], RTPError)] = [
        ("empty", [], .truncated(what: "RTP header", needed: 12, available: 0)),
        ("short header", [0x80, 0, 0, 1], .truncated(what: "RTP header", needed: 12, available: 4)),
        ("version 1", [0x40] + [UInt8](repeating: 0, count: 11), .badVersion(1)),
        ("CSRCs past end", [0x83] + [UInt8](repeating: 0, count: 15), .truncated(what: "CSRC list", needed: 24, available: 16)),
        ("extension header past end", [0x90] + [UInt8](repeating: 0, count: 13),
         .truncated(what: "header extension", needed: 16, available: 14)),
        ("extension body past end", [0x90] + [UInt8](repeating: 0, count: 11) + [0xbe, 0xde, 0, 2, 0x10, 0],
         .truncated(what: "header extension", needed: 24, available: 18)),
        ("padding count zero", [0xa0] + [UInt8](repeating: 0, count: 12), .badPadding("padding count is zero")),
        ("padding past header", [0xa0] + [UInt8](repeating: 0, count: 11) + [1, 5],
         .badPadding("padding count 5 exceeds the 2 bytes after the header")),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedPackets(name: String, bytes: [UInt8], expected: RTPError) {
        #expect(throws: expected, "\(name)") { try RTPPacket(parsing: bytes) }
    }

    @Test func oneByteExtensionOverrunIsReported() throws {
        // Element id 1 claims 4 bytes but the block holds 3 after it.
        let bytes: [UInt8] = [0x90, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xbe, 0xde, 0, 1, 0x13, 1, 2, 3]
        let packet = try RTPPacket(parsing: bytes)
        #expect(throws: RTPError.self) { try packet.headerExtensions.validated() }
    }

    @Test func rtcpMuxClassification() {
        #expect(looksLikeRTCP([0x80, 200, 0, 6][...]))
        #expect(!looksLikeRTCP([0x80, 96, 0, 6][...]))
        #expect(!looksLikeRTCP([0x80, 224, 0, 0][...]))  // outside 192...223
    }
}

@Suite struct UnwrapperTests {
    static let sequenceCases: [(String, [UInt16], [Int64])] = [
        ("in order", [1, 2, 3], [65537, 65538, 65539]),
        ("wraps forward", [65534, 65535, 0, 1], [131070, 131071, 131072, 131073]),
        ("reordered across wrap", [65535, 1, 0, 2], [131071, 131073, 131072, 131074]),
        ("late before first", [10, 9, 11], [65546, 65545, 65547]),
        ("backwards wrap", [0, 65535], [65536, 65535]),
    ]

    @Test(arguments: sequenceCases)
    func unwrapsSequenceNumbers(name: String, input: [UInt16], expected: [Int64]) {
        var unwrapper = SequenceUnwrapper()
        #expect(input.map { unwrapper.unwrap($0) } == expected, "\(name)")
    }

    @Test func unwrapsTimestampsAcrossWrap() {
        var unwrapper = TimestampUnwrapper()
        let values: [UInt32] = [0xffff_f000, 0xffff_ffff, 0x0000_0bb8, 0xffff_f800]
        let out = values.map { unwrapper.unwrap($0) }
        #expect(out[1] - out[0] == 0xfff)
        #expect(out[2] - out[1] == 0xbb9)
        #expect(out[3] - out[0] == 0x800)
    }
}
