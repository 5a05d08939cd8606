import CFFmpeg

/// An encoder's codec parameters and time base, copied once: what a muxer
/// opened later needs (a live stream that connects or reconnects while the
/// encoder runs on another thread).
///
/// `@unchecked Sendable`: written once at creation, only read after.
public final class StreamParameters: @unchecked Sendable {
    let parameters: UnsafeMutablePointer<AVCodecParameters>
    let timeBase: AVRational

    init(context: UnsafeMutablePointer<AVCodecContext>) throws {
        guard let parameters = avcodec_parameters_alloc() else { throw MediaError("out of memory copying codec parameters") }
        self.parameters = parameters
        timeBase = context.pointee.time_base
        try LibavError.check(avcodec_parameters_from_context(parameters, context), "copying codec parameters")
    }

    deinit {
        var parameters: UnsafeMutablePointer<AVCodecParameters>? = parameters
        avcodec_parameters_free(&parameters)
    }

    var isVideo: Bool { parameters.pointee.codec_type == AVMEDIA_TYPE_VIDEO }
    var isH264: Bool { parameters.pointee.codec_id == AV_CODEC_ID_H264 }
}

extension VideoEncoder {
    public func streamParameters() throws -> StreamParameters { try StreamParameters(context: context) }
}

extension AudioEncoder {
    public func streamParameters() throws -> StreamParameters { try StreamParameters(context: context) }
}
