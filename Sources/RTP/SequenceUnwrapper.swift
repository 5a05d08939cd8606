/// Extends 16-bit RTP sequence numbers to 64 bits (RFC 3550 §A.1).
///
/// Each value is placed nearest to the highest one seen so far, so late and
/// reordered packets from before a wrap land below it and packets after the
/// wrap continue upward. The first value maps to itself plus 2^16, so that a
/// packet reordered before the first one still gets a positive index.
public struct SequenceUnwrapper: Sendable {
    public private(set) var highest: Int64?

    public init() {}

    public mutating func unwrap(_ value: UInt16) -> Int64 {
        guard let highest else {
            let first = Int64(value) + (1 << 16)
            self.highest = first
            return first
        }
        let delta = Int64(Int16(bitPattern: value &- UInt16(truncatingIfNeeded: highest)))
        let unwrapped = highest + delta
        if unwrapped > highest { self.highest = unwrapped }
        return unwrapped
    }
}

/// Extends 32-bit RTP timestamps to 64 bits, the same way as
/// `SequenceUnwrapper`: each value lands nearest to the highest one seen.
public struct TimestampUnwrapper: Sendable {
    public private(set) var highest: Int64?

    public init() {}

    public mutating func unwrap(_ value: UInt32) -> Int64 {
        guard let highest else {
            let first = Int64(value) + (1 << 32)
            self.highest = first
            return first
        }
        let delta = Int64(Int32(bitPattern: value &- UInt32(truncatingIfNeeded: highest)))
        let unwrapped = highest + delta
        if unwrapped > highest { self.highest = unwrapped }
        return unwrapped
    }
}
