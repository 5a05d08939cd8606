import CFFmpeg

/// The video codecs tessera decodes.
public enum VideoCodec: String, Sendable, CaseIterable {
    case vp8 = "VP8", vp9 = "VP9", h264 = "H264"

    var codecID: AVCodecID {
        switch self {
        case .vp8: AV_CODEC_ID_VP8
        case .vp9: AV_CODEC_ID_VP9
        case .h264: AV_CODEC_ID_H264
        }
    }
}

/// Owns one libavcodec video decoder. Feed it whole frames in decode order
/// (Annex-B for H.264); it returns the pictures that came out.
///
/// Single-threaded and without frame delay, so a picture comes out for the
/// frame that went in: the timeline needs to know which RTP timestamp a
/// picture belongs to. One decoder is used by one task at a time.
public final class VideoDecoder: @unchecked Sendable {
    public let codec: VideoCodec
    private var context: UnsafeMutablePointer<AVCodecContext>?
    private var packet: UnsafeMutablePointer<AVPacket>?

    /// The largest picture decoded (4096x2304): a crafted stream claiming
    /// 16384x16384 must not make the decoder allocate a gigabyte.
    public static let maximumPixels = 4096 * 2304

    public init(codec: VideoCodec) throws {
        self.codec = codec
        guard let decoder = avcodec_find_decoder(codec.codecID) else {
            throw MediaError("this libavcodec has no \(codec.rawValue) decoder")
        }
        guard let context = avcodec_alloc_context3(decoder), let packet = av_packet_alloc() else {
            throw MediaError("out of memory creating a \(codec.rawValue) decoder")
        }
        self.context = context
        self.packet = packet
        context.pointee.thread_count = 1
        context.pointee.flags |= Int32(AV_CODEC_FLAG_LOW_DELAY)
        // A stream's size is the sender's word: libavcodec refuses frames larger than this.
        context.pointee.max_pixels = Int64(Self.maximumPixels)
        try LibavError.check(avcodec_open2(context, decoder, nil), "opening the \(codec.rawValue) decoder")
    }

    deinit {
        av_packet_free(&packet)
        avcodec_free_context(&context)
    }

    /// Decodes one frame. `timestamp` comes back on the pictures it produced.
    public func decode(_ data: [UInt8], timestamp: Int64) throws(LibavError) -> [VideoFrame] {
        guard let context, let packet else { return [] }
        let result = data.withUnsafeBufferPointer { bytes -> Int32 in
            packet.pointee.data = UnsafeMutablePointer(mutating: bytes.baseAddress)
            packet.pointee.size = Int32(bytes.count)
            packet.pointee.pts = timestamp
            packet.pointee.dts = timestamp
            defer { packet.pointee.data = nil; packet.pointee.size = 0 }
            return avcodec_send_packet(context, packet)
        }
        if result < 0 && result != LibavError.again {
            throw LibavError("decoding a \(codec.rawValue) frame", code: result)
        }
        return try receive()
    }

    /// Whatever the decoder still holds, at the end of a stream.
    public func flush() throws(LibavError) -> [VideoFrame] {
        guard let context else { return [] }
        _ = avcodec_send_packet(context, nil)
        defer { avcodec_flush_buffers(context) }
        return try receive()
    }

    private func receive() throws(LibavError) -> [VideoFrame] {
        var frames: [VideoFrame] = []
        while true {
            guard let frame = av_frame_alloc() else { break }
            let result = avcodec_receive_frame(context, frame)
            if result < 0 {
                var unused: UnsafeMutablePointer<AVFrame>? = frame
                av_frame_free(&unused)
                if result == LibavError.again || result == LibavError.endOfFile { break }
                throw LibavError("decoding a \(codec.rawValue) frame", code: result)
            }
            frames.append(VideoFrame(taking: frame))
        }
        return frames
    }
}

extension VideoFrame {
    /// The timestamp given to the decoder with the frame this picture came from.
    public var timestamp: Int64 { pointer.pointee.pts }
}
