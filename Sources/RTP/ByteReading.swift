/// Bounds-checked big-endian reads over a byte view.
///
/// Every parser of network input in this module reads through these helpers
/// after checking lengths, so a short or hostile buffer yields an error, never
/// a trap. Offsets are relative to the view's `startIndex`.
extension ArraySlice where Element == UInt8 {
    @inline(__always)
    package func u8(_ offset: Int) -> UInt8 { self[startIndex + offset] }

    @inline(__always)
    package func u16(_ offset: Int) -> UInt16 {
        let i = startIndex + offset
        return UInt16(self[i]) << 8 | UInt16(self[i + 1])
    }

    @inline(__always)
    package func u24(_ offset: Int) -> UInt32 {
        let i = startIndex + offset
        return UInt32(self[i]) << 16 | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2])
    }

    @inline(__always)
    package func u32(_ offset: Int) -> UInt32 {
        let i = startIndex + offset
        return UInt32(self[i]) << 24 | UInt32(self[i + 1]) << 16 | UInt32(self[i + 2]) << 8 | UInt32(self[i + 3])
    }

    /// The sub-view `[offset, offset + length)` relative to `startIndex`.
    @inline(__always)
    package func view(_ offset: Int, _ length: Int) -> ArraySlice<UInt8> {
        self[(startIndex + offset)..<(startIndex + offset + length)]
    }

    /// The sub-view from `offset` to the end.
    @inline(__always)
    package func view(from offset: Int) -> ArraySlice<UInt8> {
        self[(startIndex + offset)...]
    }
}

/// Big-endian appends used by the serializers.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    @inline(__always)
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    @inline(__always)
    mutating func appendBigEndian(_ value: UInt64) {
        appendBigEndian(UInt32(truncatingIfNeeded: value >> 32))
        appendBigEndian(UInt32(truncatingIfNeeded: value))
    }
}
