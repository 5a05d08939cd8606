import CFFmpeg

/// What the video encoder makes and how hard it tries.
public struct VideoEncoderSettings: Sendable, Equatable {
    public enum Codec: String, Sendable { case h264, vp8, vp9 }

    public var codec: Codec
    public var width: Int
    public var height: Int
    public var fps: Int
    /// Bits per second; nil with `crf` set encodes at constant quality.
    public var bitrate: Int?
    public var crf: Int?
    /// x264 preset (ultrafast … veryslow); for VP8/VP9 mapped to cpu-used.
    public var preset: String
    /// x264 tune (e.g. "zerolatency": no lookahead or B-frames, for live encodes).
    public var tune: String?
    /// Frames between keyframes.
    public var keyframeInterval: Int
    /// Encoder threads; 0 lets the encoder choose from the core count.
    public var threads: Int

    public init(codec: Codec, width: Int, height: Int, fps: Int, bitrate: Int? = 2_500_000, crf: Int? = nil,
                preset: String = "veryfast", keyframeInterval: Int? = nil, threads: Int = 0) {
        self.codec = codec
        self.width = width
        self.height = height
        self.fps = fps
        self.bitrate = bitrate
        self.crf = crf
        self.preset = preset
        self.keyframeInterval = keyframeInterval ?? fps * 2
        self.threads = threads
    }

    var encoderName: String {
        switch codec {
        case .h264: "libx264"
        case .vp8: "libvpx"
        case .vp9: "libvpx-vp9"
        }
    }

    /// libvpx speed for an x264-style preset name.
    var vpxSpeed: String {
        switch preset {
        case "ultrafast", "superfast": "8"
        case "veryfast", "faster": "6"
        case "fast", "medium": "4"
        default: "2"
        }
    }
}

/// Owns one libavcodec video encoder fed YUV 4:2:0 canvases.
public final class VideoEncoder: @unchecked Sendable {
    public let settings: VideoEncoderSettings
    let context: UnsafeMutablePointer<AVCodecContext>

    public init(_ settings: VideoEncoderSettings, globalHeader: Bool) throws {
        self.settings = settings
        guard let encoder = avcodec_find_encoder_by_name(settings.encoderName) else {
            throw MediaError("this libavcodec has no \(settings.encoderName) encoder")
        }
        guard let context = avcodec_alloc_context3(encoder) else { throw MediaError("out of memory creating an encoder") }
        self.context = context
        context.pointee.width = Int32(settings.width)
        context.pointee.height = Int32(settings.height)
        context.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        context.pointee.time_base = AVRational(num: 1, den: Int32(settings.fps))
        context.pointee.framerate = AVRational(num: Int32(settings.fps), den: 1)
        context.pointee.gop_size = Int32(settings.keyframeInterval)
        context.pointee.thread_count = Int32(settings.threads)
        if let bitrate = settings.bitrate { context.pointee.bit_rate = Int64(bitrate) }
        if globalHeader { context.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER) }

        var options = LibavOptions()
        switch settings.codec {
        case .h264:
            options.set("preset", settings.preset)
            if let tune = settings.tune { options.set("tune", tune) }
            if let crf = settings.crf { options.set("crf", String(crf)) }
        case .vp8, .vp9:
            options.set("deadline", "realtime")
            options.set("cpu-used", settings.vpxSpeed)
            options.set("lag-in-frames", "0")
            if let crf = settings.crf {
                options.set("crf", String(crf))
                if settings.bitrate == nil { context.pointee.bit_rate = 0 }
            }
            if settings.codec == .vp9 { options.set("row-mt", "1") }
        }
        // Every stored property is set, so a throw from here on runs deinit,
        // which frees the context.
        let result = options.withDictionary { avcodec_open2(context, encoder, &$0) }
        if result < 0 {
            throw LibavError("opening the \(settings.encoderName) encoder (\(settings.width)x\(settings.height))", code: result)
        }
    }

    deinit {
        var owned: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&owned)
    }

    /// Encodes one canvas as output frame number `index`.
    public func encode(_ frame: VideoFrame, index: Int64) throws(LibavError) -> [EncodedPacket] {
        frame.pointer.pointee.pts = index
        frame.pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
        try LibavError.check(avcodec_send_frame(context, frame.pointer), "encoding video frame \(index)")
        return try receivePackets(from: context, operation: "encoding video frame \(index)")
    }

    /// Drains the encoder at the end.
    public func finish() throws(LibavError) -> [EncodedPacket] {
        let result = avcodec_send_frame(context, nil)
        if result < 0 && result != LibavError.endOfFile { throw LibavError("flushing the video encoder", code: result) }
        return try receivePackets(from: context, operation: "flushing the video encoder")
    }
}
