import Foundation

/// Sums audio tracks placed on one timeline of 48 kHz samples (mono or
/// interleaved stereo).
///
/// Tracks `add` decoded samples at a sample position; the mixer hands out
/// finished audio with `take(until:)` once every track has been given the
/// chance to add to it. Unwritten time is silence. The sum goes through a
/// soft knee, so a loud mix is compressed, never clipped.
public struct AudioMixer: Sendable {
    public let channels: Int
    /// Where the next `take` starts, in samples per channel.
    public private(set) var position: Int64 = 0
    private var buffer: [Float] = []
    /// Samples added before `position` (too late to be heard), per channel.
    public private(set) var lateSamples: Int64 = 0
    /// Samples whose sum reached the knee.
    public private(set) var limitedSamples: Int64 = 0

    public init(channels: Int = 2) { self.channels = channels }

    /// Adds interleaved samples starting at `start` (samples per channel).
    public mutating func add(_ samples: ArraySlice<Float>, at start: Int64, gain: Float = 1) {
        var samples = samples
        var start = start
        if start < position {
            let skip = Int(Swift.min(Int64(samples.count / channels), position - start))
            lateSamples += Int64(skip)
            samples = samples.dropFirst(skip * channels)
            start += Int64(skip)
        }
        guard !samples.isEmpty else { return }
        let offset = Int(start - position) * channels
        let end = offset + samples.count
        if buffer.count < end { buffer.append(contentsOf: repeatElement(0, count: end - buffer.count)) }
        buffer.withUnsafeMutableBufferPointer { mix in
            var i = offset
            for sample in samples {
                mix[i] += sample * gain
                i += 1
            }
        }
    }

    /// The mix from `position` up to `end` (exclusive), limited; advances.
    public mutating func take(until end: Int64) -> [Float] {
        guard end > position else { return [] }
        let count = Int(end - position) * channels
        if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
        var output = Array(buffer[0..<count])
        buffer.removeFirst(count)
        var limited: Int64 = 0
        for i in output.indices {
            let (value, wasLimited) = Self.softLimit(output[i])
            output[i] = value
            if wasLimited { limited += 1 }
        }
        limitedSamples += limited
        position = end
        return output
    }

    static let knee: Float = 0.8

    /// Identity below the knee; above it, a tanh curve that approaches 1.
    static func softLimit(_ x: Float) -> (Float, Bool) {
        let magnitude = abs(x)
        guard magnitude > knee else { return (x, false) }
        let room = 1 - knee
        let shaped = Swift.min(knee + room * Float(tanh(Double((magnitude - knee) / room))), 0.9999)
        return (x < 0 ? -shaped : shaped, true)
    }
}

