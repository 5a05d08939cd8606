import CFFmpeg

/// Encodes one picture as a JPEG (libavcodec's mjpeg): the poster image of
/// a finished recording.
public enum JPEGEncoder {
    /// `quality` is mjpeg's qscale, 2 (best) … 31.
    public static func encode(_ frame: VideoFrame, quality: Int = 4) throws -> [UInt8] {
        guard let encoder = avcodec_find_encoder(AV_CODEC_ID_MJPEG) else { throw MediaError("this libavcodec has no mjpeg encoder") }
        guard let context = avcodec_alloc_context3(encoder) else { throw MediaError("out of memory creating a JPEG encoder") }
        defer {
            var owned: UnsafeMutablePointer<AVCodecContext>? = context
            avcodec_free_context(&owned)
        }
        context.pointee.width = frame.pointer.pointee.width
        context.pointee.height = frame.pointer.pointee.height
        // The canvas is limited-range 4:2:0; JPEG's full-range variant has the same layout.
        context.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
        context.pointee.time_base = AVRational(num: 1, den: 1)
        context.pointee.flags |= Int32(AV_CODEC_FLAG_QSCALE)
        context.pointee.global_quality = Int32(quality) * FF_QP2LAMBDA
        try LibavError.check(avcodec_open2(context, encoder, nil), "opening the JPEG encoder")
        let picture = try frame.reference()
        picture.pointer.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
        picture.pointer.pointee.quality = context.pointee.global_quality
        picture.pointer.pointee.pts = 0
        try LibavError.check(avcodec_send_frame(context, picture.pointer), "encoding the JPEG")
        try LibavError.check(avcodec_send_frame(context, nil), "flushing the JPEG encoder")
        let packets = try receivePackets(from: context, operation: "encoding the JPEG")
        guard let first = packets.first else { throw MediaError("the JPEG encoder made no picture") }
        return first.bytes
    }
}
