/// Arithmetic on values that come from the network or from files: RTP
/// timestamps, clock rates, capture times. Swift traps on overflow, so a
/// crafted value must never reach a plain `*` or `+`; these helpers widen to
/// 128 bits and clamp the result instead.
///
/// Times derived from outside input are kept within ±`Int64.saneMicrosLimit`
/// (about 285 years in microseconds), so that sums and differences of a few
/// of them cannot overflow either.
extension Int64 {
    /// 2^53 µs: far beyond any real session, far below `Int64.max`.
    public static let saneMicrosLimit: Int64 = 1 << 53

    /// `self * numerator / denominator`, computed in 128 bits and clamped to
    /// Int64's range; a zero denominator gives 0 rather than a trap.
    @inlinable
    public func scaled(by numerator: Int64, over denominator: Int64) -> Int64 {
        guard denominator != 0 else { return 0 }
        return Int64(clamping: Int128(self) * Int128(numerator) / Int128(denominator))
    }

    /// `self * numerator / denominator`, clamped to ±`saneMicrosLimit`: for
    /// converting network timestamps to microseconds and back.
    @inlinable
    public func scaledClamped(by numerator: Int64, over denominator: Int64) -> Int64 {
        scaled(by: numerator, over: denominator).clampedToSaneRange
    }

    /// This value limited to ±`saneMicrosLimit`.
    @inlinable
    public var clampedToSaneRange: Int64 { Swift.min(Self.saneMicrosLimit, Swift.max(-Self.saneMicrosLimit, self)) }

    /// `self + other`, clamped to Int64's range instead of trapping.
    @inlinable
    public func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self - other`, clamped to Int64's range instead of trapping.
    @inlinable
    public func saturatingSubtract(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }
}

extension Double {
    /// Seconds from outside (JSON, a command line) as microseconds, or nil
    /// when not finite or outside ±`Int64.saneMicrosLimit`: `Int64(Double)`
    /// traps on such values.
    @inlinable
    public var checkedMicros: Int64? {
        let micros = (self * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) <= Double(Int64.saneMicrosLimit) else { return nil }
        return Int64(micros)
    }
}
