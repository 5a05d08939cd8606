/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of
/// every dump record. Slice-by-8 tables keep it well above disk speed.
public enum CRC32C {
    static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var crc = UInt32(i)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[0][i] = crc
        }
        for i in 0..<256 {
            for t in 1..<8 { tables[t][i] = (tables[t - 1][i] >> 8) ^ tables[0][Int(tables[t - 1][i] & 0xff)] }
        }
        return tables
    }()

    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        update(0xffff_ffff, bytes) ^ 0xffff_ffff
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 { checksum(bytes[...]) }

    static func update(_ initial: UInt32, _ bytes: ArraySlice<UInt8>) -> UInt32 {
        // The running value lives inside the closures and is returned from
        // them (a captured `var` mutated in nested closures tripped the
        // runtime exclusivity check under parallel tests).
        bytes.withUnsafeBufferPointer { buffer in
            tables.withUnsafeBufferPointer { t in
                var crc = initial
                let t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5], t6 = t[6], t7 = t[7]
                var i = 0
                let n = buffer.count
                while i + 8 <= n {
                    let lo = crc ^ (UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16 | UInt32(buffer[i + 3]) << 24)
                    crc = t7[Int(lo & 0xff)] ^ t6[Int(lo >> 8 & 0xff)] ^ t5[Int(lo >> 16 & 0xff)] ^ t4[Int(lo >> 24)]
                        ^ t3[Int(buffer[i + 4])] ^ t2[Int(buffer[i + 5])] ^ t1[Int(buffer[i + 6])] ^ t0[Int(buffer[i + 7])]
                    i += 8
                }
                while i < n {
                    crc = (crc >> 8) ^ t0[Int((crc ^ UInt32(buffer[i])) & 0xff)]
                    i += 1
                }
                return crc
            }
        }
    }
}
