import COpus

/// Owns one libopus decoder that puts out 48 kHz audio with the channel
/// count asked for, whatever the stream has (libopus up- or downmixes). Lost packets are concealed: from the
/// next packet's in-band FEC when it carries some (RFC 6716 §2.1.7), else by
/// libopus' packet-loss concealment.
public final class OpusAudioDecoder: @unchecked Sendable {
    public static let sampleRate = 48_000
    public let channels: Int
    /// The longest Opus packet: 120 ms.
    static let maximumSamples = 5760
    private let decoder: OpaquePointer
    private var buffer = [Float](repeating: 0, count: 5760 * 2)

    public init(channels: Int = 2) throws {
        self.channels = channels
        var error: Int32 = 0
        guard let decoder = opus_decoder_create(Int32(Self.sampleRate), Int32(channels), &error), error == OPUS_OK else {
            throw MediaError("creating an Opus decoder: \(String(cString: opus_strerror(error)))")
        }
        self.decoder = decoder
    }

    deinit { opus_decoder_destroy(decoder) }

    /// Decodes one packet into interleaved samples.
    public func decode(_ packet: [UInt8]) throws -> ArraySlice<Float> {
        try run(packet, samples: Self.maximumSamples, fec: false)
    }

    /// Makes up `samples` samples per channel for lost audio. With `next`
    /// (the packet after the loss) the last up to 20 ms come from its FEC data.
    public func conceal(samples: Int, next: [UInt8]? = nil) throws -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(samples * channels)
        var left = samples
        var fecSamples = 0
        // libopus 1.3 cannot tell whether a packet carries FEC; decoding with
        // fec=1 falls back to concealment when it carries none.
        if let next, !next.isEmpty, left >= 120 {
            fecSamples = Swift.min(left, 960) / 120 * 120
        }
        while left > fecSamples {
            let chunk = Swift.min(left - fecSamples, 960)  // whole 2.5 ms steps as libopus wants
            let step = Swift.max(120, chunk / 120 * 120)
            output += try run(nil, samples: step, fec: false)
            left -= step
        }
        if fecSamples > 0, let next {
            output += try run(next, samples: fecSamples, fec: true)
        }
        return output
    }

    private func run(_ packet: [UInt8]?, samples: Int, fec: Bool) throws -> ArraySlice<Float> {
        let decoded: Int32 = buffer.withUnsafeMutableBufferPointer { output in
            if let packet {
                return packet.withUnsafeBufferPointer {
                    opus_decode_float(decoder, $0.baseAddress, Int32($0.count), output.baseAddress!, Int32(samples), fec ? 1 : 0)
                }
            }
            return opus_decode_float(decoder, nil, 0, output.baseAddress!, Int32(samples), 0)
        }
        if decoded < 0 { throw MediaError("Opus: \(String(cString: opus_strerror(decoded)))") }
        return buffer[0..<(Int(decoded) * channels)]
    }
}
