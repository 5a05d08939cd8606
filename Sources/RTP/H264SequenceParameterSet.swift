/// The picture size from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1).
///
/// Only the fields on the way to the size and cropping are read; the rest of
/// the SPS (VUI) is left alone.
public struct H264SequenceParameterSet: Equatable, Sendable {
    public let profile: UInt8
    public let level: UInt8
    public let width: Int
    public let height: Int

    /// `nal` starts with the NAL header byte (type 7).
    public init(nal: ArraySlice<UInt8>) throws(RTPError) {
        guard nal.count >= 4, nal.u8(0) & 0x1f == 7 else { throw .badPayload(codec: "H264", reason: "not an SPS") }
        let rbsp = Self.removeEmulationPrevention(nal.view(from: 1))
        var bits = BitReader(rbsp[...])
        let profile = UInt8(try bits.bits(8))
        try bits.skip(8)  // constraint flags
        let level = UInt8(try bits.bits(8))
        _ = try bits.unsignedGolomb()  // seq_parameter_set_id

        var chromaFormat: UInt32 = 1
        let highProfiles: Set<UInt8> = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]
        if highProfiles.contains(profile) {
            chromaFormat = try bits.unsignedGolomb()
            guard chromaFormat <= 3 else { throw .badPayload(codec: "H264", reason: "chroma_format_idc \(chromaFormat)") }
            if chromaFormat == 3 { try bits.skip(1) }  // separate_colour_plane_flag
            _ = try bits.unsignedGolomb()  // bit_depth_luma_minus8
            _ = try bits.unsignedGolomb()  // bit_depth_chroma_minus8
            try bits.skip(1)  // qpprime_y_zero_transform_bypass_flag
            if try bits.flag() {  // seq_scaling_matrix_present_flag
                for list in 0..<(chromaFormat == 3 ? 12 : 8) where try bits.flag() {
                    try Self.skipScalingList(&bits, size: list < 6 ? 16 : 64)
                }
            }
        }
        _ = try bits.unsignedGolomb()  // log2_max_frame_num_minus4
        let pocType = try bits.unsignedGolomb()
        if pocType == 0 {
            _ = try bits.unsignedGolomb()
        } else if pocType == 1 {
            try bits.skip(1)
            _ = try bits.signedGolomb()
            _ = try bits.signedGolomb()
            let cycle = try bits.unsignedGolomb()
            guard cycle <= 255 else { throw .badPayload(codec: "H264", reason: "POC cycle of \(cycle)") }
            for _ in 0..<cycle { _ = try bits.signedGolomb() }
        }
        _ = try bits.unsignedGolomb()  // max_num_ref_frames
        try bits.skip(1)  // gaps_in_frame_num_value_allowed_flag
        let widthInMacroblocks = Int(try bits.unsignedGolomb()) + 1
        let heightInMapUnits = Int(try bits.unsignedGolomb()) + 1
        let frameMacroblocksOnly = try bits.flag()
        if !frameMacroblocksOnly { try bits.skip(1) }  // mb_adaptive_frame_field_flag
        try bits.skip(1)  // direct_8x8_inference_flag
        let fieldFactor = frameMacroblocksOnly ? 1 : 2
        var width = widthInMacroblocks * 16
        var height = heightInMapUnits * 16 * fieldFactor
        if try bits.flag() {  // frame_cropping_flag (§7.4.2.1.1, crop units)
            let left = Int(try bits.unsignedGolomb()), right = Int(try bits.unsignedGolomb())
            let top = Int(try bits.unsignedGolomb()), bottom = Int(try bits.unsignedGolomb())
            let cropX = chromaFormat == 0 || chromaFormat == 3 ? 1 : 2
            let cropY = (chromaFormat == 0 || chromaFormat == 3 || chromaFormat == 2 ? 1 : 2) * fieldFactor
            width -= cropX * (left + right)
            height -= cropY * (top + bottom)
        }
        guard width > 0, height > 0, width <= 16384, height <= 16384 else {
            throw .badPayload(codec: "H264", reason: "SPS gives an impossible size \(width)x\(height)")
        }
        self.profile = profile
        self.level = level
        self.width = width
        self.height = height
    }

    private static func skipScalingList(_ bits: inout BitReader, size: Int) throws(RTPError) {
        var last: Int32 = 8, next: Int32 = 8
        for _ in 0..<size {
            if next != 0 {
                let delta = try bits.signedGolomb()
                // §7.4.2.1.1: delta_scale is in -128...127; anything else would also overflow here.
                guard (-128...127).contains(delta) else {
                    throw .badPayload(codec: "H264", reason: "delta_scale \(delta) out of range")
                }
                next = (last + delta + 256) % 256
            }
            last = next == 0 ? last : next
        }
    }

    /// Drops the 0x03 of each 0x000003 sequence (§7.4.1).
    static func removeEmulationPrevention(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var zeros = 0
        for byte in bytes {
            if zeros >= 2 && byte == 3 {
                zeros = 0
                continue
            }
            zeros = byte == 0 ? zeros + 1 : 0
            out.append(byte)
        }
        return out
    }
}
