import Dump
import Media
import RTP

/// One audio track on its way to the mixer: packets wait in a queue until
/// the output clock reaches them, are decoded to 48 kHz stereo and added at
/// their place on the timeline. Losses are concealed; small clock drift is
/// absorbed by stretching a packet's samples by at most 1 %.
final class AudioTrackState: TrackIntakeOwner {
    enum Decoder {
        case opus(OpusAudioDecoder)
        case g711(G711Decoder)
    }

    let track: DumpTrack
    var intake: TrackIntake
    var clock: TrackClock { intake.clock }
    private var decoder: Decoder
    /// Where this track's audio continues in the mix, samples per channel.
    private var nextSample: Int64?
    private var lastSegment: Int?
    private var expectedTimestamp: Int64?
    /// Energy of the audio placed since `takeLevel()` last ran (for the active speaker).
    private var energy: (sum: Double, count: Int) = (0, 0)
    var summary: RenderSummary.Track
    static let sampleRate: Int64 = 48_000
    /// Losses up to this many samples are concealed; longer ones are silence.
    static let maximumConcealment = 5_760

    let channels: Int

    init(track: DumpTrack, codec: RTPCodec, channels: Int) throws {
        self.channels = channels
        self.track = track
        intake = TrackIntake(track: track, codec: codec)
        switch codec {
        case .pcmu: decoder = .g711(G711Decoder(law: .mu, channels: channels))
        case .pcma: decoder = .g711(G711Decoder(law: .a, channels: channels))
        default: decoder = .opus(try OpusAudioDecoder(channels: channels))
        }
        summary = .init(id: track.id, participantID: track.participantID, kind: "audio", codec: track.codec)
    }


    /// Decodes every queued packet that starts before `time` into the mixer.
    /// A packet is due when the place its first sample will go (contiguous
    /// with the one before, or its clock time) is before `time`, so nothing
    /// is ever added to a part of the mix already handed out.
    func mix(until time: Int64, into mixer: inout AudioMixer, timeOf: (Int64, Int) -> Int64) {
        let end = time.scaled(by: Self.sampleRate, over: 1_000_000)
        while let (frame, segment) = intake.first {
            let target = timeOf(frame.timestamp, segment).saturatingSubtract(lookaheadMicros).scaled(by: Self.sampleRate, over: 1_000_000)
            guard position(for: target, segment: segment) < end else { break }
            intake.removeFirst()
            place(frame, segment: segment, at: target, into: &mixer)
        }
    }

    /// Where audio for `target` goes: right after the previous packet unless
    /// the clock says otherwise by more than 100 ms (a gap, a reset).
    private func position(for target: Int64, segment: Int) -> Int64 {
        if let next = nextSample, segment == lastSegment, abs(target.saturatingSubtract(next).clampedToSaneRange) <= 4_800 { return next }
        return target
    }

    /// RMS of what was placed since the last call (0 when nothing was).
    func takeLevel() -> Double {
        defer { energy = (0, 0) }
        return energy.count > 0 ? (energy.sum / Double(energy.count)).squareRoot() : 0
    }

    /// Opus encoders look 6.5 ms ahead (RFC 6716 §4.5's 312-sample pre-skip
    /// at 48 kHz): decoded audio comes out that much after its timestamp, so
    /// it is placed that much earlier.
    private var lookaheadMicros: Int64 {
        if case .opus = decoder { return 6_500 }
        return 0
    }

    private func place(_ frame: AssembledFrame, segment: Int, at target: Int64, into mixer: inout AudioMixer) {
        // Timestamps are the sender's: widened, so a crafted jump cannot trap.
        let rtpToSamples = { (units: Int64) in units.scaled(by: Self.sampleRate, over: Int64(self.track.clockRate)) }
        var samples: [Float] = []
        var concealed: Int64 = 0
        do {
            if segment == lastSegment, let expected = expectedTimestamp {
                let missing = rtpToSamples(frame.timestamp.saturatingSubtract(expected))
                // Under 10 ms is timestamp rounding (a sender remuxing from
                // millisecond timestamps), not a lost packet.
                if missing >= 480 && missing <= Self.maximumConcealment, case let .opus(opus) = decoder {
                    samples += try opus.conceal(samples: Int(missing), next: frame.data)
                    concealed = Int64(samples.count / channels)
                    summary.concealedMilliseconds += Int(missing * 1000 / Self.sampleRate)
                }
            }
            let decoded: [Float]
            switch decoder {
            case let .opus(opus): decoded = Array(try opus.decode(frame.data))
            case var .g711(g711):
                decoded = g711.decode(frame.data)
                decoder = .g711(g711)
            }
            summary.framesDecoded += 1
            expectedTimestamp = frame.timestamp.saturatingAdd(Int64(decoded.count / channels).scaled(by: Int64(track.clockRate), over: Self.sampleRate))
            samples += decoded
        } catch {
            summary.decodeErrors += 1
            return
        }
        let startOfSamples = target - concealed
        let position = position(for: startOfSamples, segment: segment)
        if position == nextSample {
            let drift = startOfSamples - position
            let count = samples.count / channels
            if abs(drift) > 96 && count >= 100 {  // more than 2 ms off: ease back, ≤ 1 % per packet
                let change = Int(Swift.max(-Int64(count / 100), Swift.min(Int64(count / 100), drift)))
                samples = Self.stretch(samples, channels: channels, to: count + change)
                summary.timingCorrections += 1
            }
        }
        lastSegment = segment
        mixer.add(samples[...], at: position)
        for sample in samples { energy.sum += Double(sample * sample) }
        energy.count += samples.count
        nextSample = position + Int64(samples.count / channels)
    }

    /// Linear-interpolation resampling of interleaved audio to `count` samples per channel.
    static func stretch(_ samples: [Float], channels: Int, to count: Int) -> [Float] {
        let source = samples.count / channels
        guard source > 1, count > 1 else { return samples }
        var output = [Float](repeating: 0, count: count * channels)
        let ratio = Double(source - 1) / Double(count - 1)
        for i in 0..<count {
            let position = Double(i) * ratio
            let index = Swift.min(Int(position), source - 2)
            let fraction = Float(position - Double(index))
            for channel in 0..<channels {
                let a = samples[index * channels + channel], b = samples[(index + 1) * channels + channel]
                output[i * channels + channel] = a + (b - a) * fraction
            }
        }
        return output
    }
}
