import Testing
@testable import RTP

/// A keyframe that claims a picture past `AssembledFrame.maximumPixels` is
/// recognised before any decoder sees it (each side may be up to 16384).
@Suite struct PixelLimitTests {
    @Test(arguments: [
        (nil, nil, false), (640, 360, false), (4096, 2304, false), (3840, 2160, false),
        (4097, 2304, true), (16383, 16383, true), (16384, 1, false), (16384, 16384, true), (1, nil, false),
    ] as [(Int?, Int?, Bool)])
    func keyframeSizesPastTheLimitAreRefused(width: Int?, height: Int?, refused: Bool) {
        let frame = AssembledFrame(timestamp: 0, firstSequence: 0, lastSequence: 0, firstArrival: 0, lastArrival: 0, data: [],
                                   isKeyframe: true, width: width, height: height, referencesIntact: true)
        #expect(frame.exceedsPixelLimit == refused)
    }

    /// An SPS may claim any size up to 16384x16384: the size is read, the
    /// limit applies where frames are decoded.
    @Test func aLargeSPSIsReadForTheLimitToJudge() throws {
        let nal = Self.baselineSPS(widthInMacroblocks: 1000, heightInMapUnits: 1000)
        #expect(!zip(nal, nal.dropFirst()).contains { $0 == 0 && $1 == 0 }, "no emulation prevention needed")
        let sps = try H264SequenceParameterSet(nal: nal[...])
        #expect(sps.width == 16000 && sps.height == 16000)
        #expect(throws: RTPError.self) { try H264SequenceParameterSet(nal: Self.baselineSPS(widthInMacroblocks: 1025, heightInMapUnits: 1)[...]) }
    }

    /// A baseline-profile SPS (ITU-T H.264 §7.3.2.1.1) with POC type 2, no
    /// cropping and no VUI: just enough to carry a size.
    static func baselineSPS(widthInMacroblocks: UInt32, heightInMapUnits: UInt32) -> [UInt8] {
        var bits: [Bool] = []
        func golomb(_ value: UInt32) {  // ue(v), §9.1
            let coded = UInt64(value) + 1
            let length = 64 - coded.leadingZeroBitCount
            bits += Array(repeating: false, count: length - 1)
            bits += (0..<length).reversed().map { coded >> $0 & 1 == 1 }
        }
        golomb(0)  // seq_parameter_set_id
        golomb(0)  // log2_max_frame_num_minus4
        golomb(2)  // pic_order_cnt_type
        golomb(1)  // max_num_ref_frames
        bits.append(false)  // gaps_in_frame_num_value_allowed_flag
        golomb(widthInMacroblocks - 1)
        golomb(heightInMapUnits - 1)
        bits += [true, true, false, false]  // frame_mbs_only, direct_8x8_inference, frame_cropping, vui_parameters_present
        bits.append(true)  // rbsp_stop_one_bit
        while bits.count % 8 != 0 { bits.append(false) }
        let body = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        return [0x67, 66, 0xc0, 0x33] + body
    }
}
