import CFFmpeg

/// What the audio encoder makes.
public struct AudioEncoderSettings: Sendable, Equatable {
    public enum Codec: String, Sendable { case aac, opus }
    public var codec: Codec
    public var bitrate: Int
    /// 1 (mono) or 2 (stereo); samples come interleaved.
    public var channels: Int
    public static let sampleRate = 48_000

    public init(codec: Codec, bitrate: Int = 128_000, channels: Int = 2) {
        self.codec = codec
        self.bitrate = bitrate
        self.channels = channels
    }
}

/// Owns one libavcodec audio encoder. Takes interleaved Float samples
/// at 48 kHz in any amount and cuts them into the encoder's frame size.
public final class AudioEncoder: @unchecked Sendable {
    public let settings: AudioEncoderSettings
    let context: UnsafeMutablePointer<AVCodecContext>
    private var pending: [Float] = []
    private var pendingStart = 0
    private var samplesSent: Int64 = 0
    private var frameSize = 960

    public init(_ settings: AudioEncoderSettings, globalHeader: Bool) throws {
        self.settings = settings
        let name = settings.codec == .aac ? "aac" : "libopus"
        guard let encoder = avcodec_find_encoder_by_name(name) else { throw MediaError("this libavcodec has no \(name) encoder") }
        guard let context = avcodec_alloc_context3(encoder) else { throw MediaError("out of memory creating an encoder") }
        self.context = context
        context.pointee.sample_rate = Int32(AudioEncoderSettings.sampleRate)
        context.pointee.sample_fmt = settings.codec == .aac ? AV_SAMPLE_FMT_FLTP : AV_SAMPLE_FMT_FLT
        av_channel_layout_default(&context.pointee.ch_layout, Int32(settings.channels))
        context.pointee.bit_rate = Int64(settings.bitrate)
        context.pointee.time_base = AVRational(num: 1, den: Int32(AudioEncoderSettings.sampleRate))
        if globalHeader { context.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER) }
        // Every stored property is set, so a throw from here on runs deinit,
        // which frees the context.
        let result = avcodec_open2(context, encoder, nil)
        if result < 0 { throw LibavError("opening the \(name) encoder", code: result) }
        frameSize = context.pointee.frame_size > 0 ? Int(context.pointee.frame_size) : 960
    }

    deinit {
        var owned: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&owned)
    }

    /// Samples sent to the encoder so far (per channel).
    public var samplesEncoded: Int64 { samplesSent }

    /// Queues interleaved stereo samples and encodes every whole frame.
    public func encode(_ samples: ArraySlice<Float>) throws -> [EncodedPacket] {
        pending.append(contentsOf: samples)
        var packets: [EncodedPacket] = []
        let channels = settings.channels
        while pending.count - pendingStart >= frameSize * channels {
            packets += try send(count: frameSize)
        }
        if pendingStart > 1 << 16 {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
        return packets
    }

    /// Encodes what is left (padded with silence to a whole frame) and drains.
    public func finish() throws -> [EncodedPacket] {
        var packets: [EncodedPacket] = []
        let left = (pending.count - pendingStart) / settings.channels
        if left > 0 {
            pending.append(contentsOf: repeatElement(0, count: (frameSize - left) * settings.channels))
            packets += try send(count: frameSize)
        }
        let result = avcodec_send_frame(context, nil)
        if result < 0 && result != LibavError.endOfFile { throw LibavError("flushing the audio encoder", code: result) }
        return packets + (try receivePackets(from: context, operation: "flushing the audio encoder"))
    }

    private func send(count: Int) throws -> [EncodedPacket] {
        guard let frame = av_frame_alloc() else { throw MediaError("out of memory allocating an audio frame") }
        var owned: UnsafeMutablePointer<AVFrame>? = frame
        defer { av_frame_free(&owned) }
        frame.pointee.nb_samples = Int32(count)
        frame.pointee.format = context.pointee.sample_fmt.rawValue
        frame.pointee.sample_rate = context.pointee.sample_rate
        try LibavError.check(av_channel_layout_copy(&frame.pointee.ch_layout, &context.pointee.ch_layout), "audio layout")
        try LibavError.check(av_frame_get_buffer(frame, 0), "allocating an audio frame")
        let channels = settings.channels
        pending.withUnsafeBufferPointer { all in
            let source = all.baseAddress! + pendingStart
            if context.pointee.sample_fmt == AV_SAMPLE_FMT_FLTP && channels == 2 {
                let left = UnsafeMutableRawPointer(frame.pointee.data.0!).assumingMemoryBound(to: Float.self)
                let right = UnsafeMutableRawPointer(frame.pointee.data.1!).assumingMemoryBound(to: Float.self)
                for i in 0..<count {
                    left[i] = source[i * channels]
                    right[i] = source[i * channels + 1]
                }
            } else {  // interleaved, or planar with one plane
                let interleaved = UnsafeMutableRawPointer(frame.pointee.data.0!).assumingMemoryBound(to: Float.self)
                interleaved.update(from: source, count: count * channels)
            }
        }
        pendingStart += count * channels
        frame.pointee.pts = samplesSent
        samplesSent += Int64(count)
        try LibavError.check(avcodec_send_frame(context, frame), "encoding audio")
        return try receivePackets(from: context, operation: "encoding audio")
    }
}
