/// Reads bits MSB first, with Exp-Golomb codes (H.264 §9.1), over a byte view.
/// Every read past the end throws, so hostile bitstreams cannot trap.
struct BitReader {
    private let bytes: ArraySlice<UInt8>
    private var bitOffset = 0

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    var bitsLeft: Int { bytes.count * 8 - bitOffset }

    mutating func bit() throws(RTPError) -> UInt32 {
        guard bitOffset < bytes.count * 8 else { throw .truncated(what: "bitstream", needed: bitOffset / 8 + 1, available: bytes.count) }
        let byte = bytes.u8(bitOffset >> 3)
        let value = (byte >> (7 - UInt8(bitOffset & 7))) & 1
        bitOffset += 1
        return UInt32(value)
    }

    mutating func bits(_ count: Int) throws(RTPError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count { value = value << 1 | (try bit()) }
        return value
    }

    mutating func flag() throws(RTPError) -> Bool { try bit() == 1 }

    mutating func skip(_ count: Int) throws(RTPError) {
        guard count <= bitsLeft else { throw .truncated(what: "bitstream", needed: (bitOffset + count + 7) / 8, available: bytes.count) }
        bitOffset += count
    }

    /// ue(v): unsigned Exp-Golomb. More than 31 leading zeros is not a valid code.
    mutating func unsignedGolomb() throws(RTPError) -> UInt32 {
        var zeros = 0
        while try bit() == 0 {
            zeros += 1
            guard zeros <= 31 else { throw .badPayload(codec: "H264", reason: "Exp-Golomb code too long") }
        }
        if zeros == 0 { return 0 }
        return (UInt32(1) << zeros) - 1 + (try bits(zeros))
    }

    /// se(v): signed Exp-Golomb.
    mutating func signedGolomb() throws(RTPError) -> Int32 {
        let code = try unsignedGolomb()
        let magnitude = Int32(bitPattern: (code + 1) / 2)
        return code & 1 == 1 ? magnitude : -magnitude
    }
}
