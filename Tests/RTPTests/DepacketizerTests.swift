import Testing
@testable import RTP

/// A VP8 key frame header (RFC 6386 §9.1): frame tag, start code, 14-bit sizes.
func vp8KeyframeHeader(width: Int, height: Int) -> [UInt8] {
    [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a,
     UInt8(width & 0xff), UInt8(width >> 8), UInt8(height & 0xff), UInt8(height >> 8)]
}

@Suite struct VP8DepacketizerTests {
    static let cases: [(String, [UInt8], PayloadInfo?)] = [
        ("minimal start of key frame", [0x10] + vp8KeyframeHeader(width: 640, height: 360),
         PayloadInfo(isFrameStart: true, isKeyframe: true, width: 640, height: 360)),
        ("start of delta frame", [0x10, 0x01, 0, 0], PayloadInfo(isFrameStart: true, isKeyframe: false)),
        ("continuation", [0x00, 0xaa], PayloadInfo(isFrameStart: false, isKeyframe: false)),
        ("start of partition 1 is not a frame start", [0x11, 0xaa], PayloadInfo(isFrameStart: false, isKeyframe: false)),
        ("15-bit picture id, TL0PICIDX, TID", [0x90, 0xe0, 0x81, 0x23, 0x05, 0x40, 0x01, 0, 0],
         PayloadInfo(isFrameStart: true, isKeyframe: false)),
        ("7-bit picture id key frame", [0x90, 0x80, 0x11] + vp8KeyframeHeader(width: 1280, height: 720),
         PayloadInfo(isFrameStart: true, isKeyframe: true, width: 1280, height: 720)),
        ("empty", [], nil),
        ("X set, nothing after", [0x80], nil),
        ("descriptor only", [0x90, 0x80, 0x11], nil),
    ]

    @Test(arguments: cases)
    func inspects(name: String, payload: [UInt8], expected: PayloadInfo?) {
        let info = try? VP8Depacketizer().inspect(payload[...])
        #expect(info == expected, "\(name)")
    }

    @Test func appendStripsDescriptor() throws {
        var frame: [UInt8] = []
        try VP8Depacketizer().append([0x90, 0x80, 0x11, 1, 2, 3][...], to: &frame)
        try VP8Depacketizer().append([0x00, 4, 5][...], to: &frame)
        #expect(frame == [1, 2, 3, 4, 5])
    }
}

@Suite struct VP9DepacketizerTests {
    /// Uncompressed header of a profile-0 key frame, 8-bit 4:2:0, of the given size.
    static func keyframeHeader(width: Int, height: Int) -> [UInt8] {
        var bits: [Bool] = []
        func put(_ value: Int, _ count: Int) { for i in (0..<count).reversed() { bits.append(value >> i & 1 == 1) } }
        put(2, 2); put(0, 1); put(0, 1)  // frame marker, profile 0
        put(0, 1)  // show_existing_frame
        put(0, 1); put(1, 1); put(0, 1)  // key frame, show_frame, error_resilient
        put(0x498342, 24)
        put(1, 3); put(0, 1)  // color space BT.601, studio range
        put(width - 1, 16); put(height - 1, 16)
        while bits.count % 8 != 0 { bits.append(false) }
        return stride(from: 0, to: bits.count, by: 8).map { i in
            bits[i..<i + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }

    static let cases: [(String, [UInt8], PayloadInfo?)] = [
        ("key frame start, no SS", [0x08] + keyframeHeader(width: 320, height: 240),
         PayloadInfo(isFrameStart: true, isKeyframe: true, width: 320, height: 240)),
        ("key frame with picture id and SS sizes", [0x8a, 0x80, 0x01, 0x10, 0x02, 0x80, 0x01, 0x68] + keyframeHeader(width: 320, height: 240),
         PayloadInfo(isFrameStart: true, isKeyframe: true, width: 640, height: 360)),
        ("inter frame start", [0x48, 0x86, 0x00], PayloadInfo(isFrameStart: true, isKeyframe: false)),
        ("flexible inter frame with two refs", [0xd8, 0x05, 0x03, 0x04, 0x86], PayloadInfo(isFrameStart: true, isKeyframe: false)),
        ("middle packet", [0x40, 0xaa], PayloadInfo(isFrameStart: false, isKeyframe: false)),
        ("upper spatial layer start", [0x28, 0x02, 0x00, 0xaa], PayloadInfo(isFrameStart: false, isKeyframe: false)),
        ("empty", [], nil),
        ("picture id truncated", [0x80], nil),
        ("SS sizes truncated", [0x0a, 0x10, 0x02], nil),
    ]

    @Test(arguments: cases)
    func inspects(name: String, payload: [UInt8], expected: PayloadInfo?) {
        let info = try? VP9Depacketizer().inspect(payload[...])
        #expect(info == expected, "\(name)")
    }
}

@Suite struct H264DepacketizerTests {
    /// An SPS for 1280x720 constrained baseline (crop of 8 lines from 736).
    static let sps720: [UInt8] = [0x67, 0x42, 0xc0, 0x1f, 0xd9, 0x00, 0x50, 0x05, 0xbb, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0xc0, 0xf1, 0x83, 0x24, 0x80]
    /// An SPS for 320x240 high profile (chroma_format_idc present, no cropping).
    static let sps240: [UInt8] = [0x67, 0x64, 0x00, 0x0d, 0xac, 0xd9, 0x41, 0x41, 0xfb, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0xc0, 0xf1, 0x42, 0x99, 0x60]

    @Test func parsesSPSSizes() throws {
        let a = try H264SequenceParameterSet(nal: Self.sps720[...])
        #expect(a.width == 1280 && a.height == 720)
        let b = try H264SequenceParameterSet(nal: Self.sps240[...])
        #expect(b.width == 320 && b.height == 240)
        #expect(b.profile == 100)
    }

    static let stapA: [UInt8] = [0x78, 0x00, UInt8(sps720.count)] + sps720 + [0x00, 0x04, 0x68, 0xce, 0x3c, 0x80]

    static let cases: [(String, [UInt8], PayloadInfo?)] = [
        ("single non-IDR slice", [0x41, 0x9a, 0x00], PayloadInfo(isFrameStart: true, isKeyframe: false)),
        ("single IDR slice", [0x65, 0x88, 0x80], PayloadInfo(isFrameStart: true, isKeyframe: true)),
        ("STAP-A with SPS and PPS", stapA, PayloadInfo(isFrameStart: true, isKeyframe: true, width: 1280, height: 720)),
        ("FU-A start of IDR", [0x7c, 0x85, 0x88], PayloadInfo(isFrameStart: true, isKeyframe: true)),
        ("FU-A middle", [0x7c, 0x05, 0x11], PayloadInfo(isFrameStart: false, isKeyframe: false)),
        ("FU-A too short", [0x7c, 0x85], nil),
        ("STAP-A overrun", [0x78, 0x00, 0x09, 0x67], nil),
        ("STAP-B not allowed", [0x79, 0, 0], nil),
        ("NAL type 0", [0x00, 1], nil),
        ("empty", [], nil),
    ]

    @Test(arguments: cases)
    func inspects(name: String, payload: [UInt8], expected: PayloadInfo?) {
        let info = try? H264Depacketizer().inspect(payload[...])
        #expect(info == expected, "\(name)")
    }

    @Test func writesAnnexB() throws {
        var out: [UInt8] = []
        let d = H264Depacketizer()
        try d.append([0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xce][...], to: &out)
        try d.append([0x7c, 0x85, 0xaa, 0xbb][...], to: &out)
        try d.append([0x7c, 0x45, 0xcc][...], to: &out)
        #expect(out == [0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x68, 0xce, 0, 0, 0, 1, 0x65, 0xaa, 0xbb, 0xcc])
    }

    /// Found by fuzz-rtp: a scaling-list delta far outside -128...127 overflowed Int32.
    @Test func rejectsOutOfRangeScalingDelta() {
        let crasher: [UInt8] = [0x80, 0x01, 0x00, 0xff, 0xff, 0xff, 0xb5, 0x16, 0x80, 0xff, 0x00, 0x00, 0x00, 0x01, 0xff, 0xff,
                                0xff, 0x00, 0x20, 0x00, 0x01, 0x2a, 0x01, 0xf0, 0xff, 0xb9, 0xf0, 0x02, 0xff, 0xff]
        #expect(throws: RTPError.self) { try H264SequenceParameterSet(nal: ([0x67] + crasher)[...]) }
    }

    @Test func removesEmulationPrevention() {
        #expect(H264SequenceParameterSet.removeEmulationPrevention([0, 0, 3, 1, 0, 0, 3, 0, 0, 3][...]) == [0, 0, 1, 0, 0, 0, 0])
    }
}

@Suite struct AudioDepacketizerTests {
    @Test func opusAndG711AreSinglePacketFrames() throws {
        for d in [RTPCodec.opus.makeDepacketizer(), RTPCodec.pcmu.makeDepacketizer()] {
            #expect(d.framesAreSinglePackets)
            #expect(try d.inspect([1][...]).isKeyframe)
            #expect(throws: RTPError.self) { try d.inspect([][...]) }
        }
    }

    @Test func codecNamesMatchCaseInsensitively() {
        #expect(RTPCodec(encodingName: "OPUS") == .opus)
        #expect(RTPCodec(encodingName: "h264") == .h264)
        #expect(RTPCodec(encodingName: "AV1") == nil)
    }
}
