import CFFmpeg

/// Owns one libavformat output: streams from encoders, interleaved writes,
/// the trailer. Writes to the path it is given; callers write to a partial
/// name and rename on success, so a failed render leaves no file under the
/// final name.
public final class Muxer: @unchecked Sendable {
    public enum Container: String, Sendable {
        case mp4, webm
        /// The container for a file name's extension.
        public init?(path: String) {
            let lower = path.lowercased()
            if lower.hasSuffix(".mp4") || lower.hasSuffix(".m4v") { self = .mp4 }
            else if lower.hasSuffix(".webm") || lower.hasSuffix(".mkv") { self = .webm }
            else { return nil }
        }
    }

    public let container: Container
    /// libavformat's name of the format written (`mp4`, `webm`, `hls`).
    private let formatName: String
    private var headerOptions = LibavOptions()
    private var context: UnsafeMutablePointer<AVFormatContext>?
    private var streams: [(stream: UnsafeMutablePointer<AVStream>, timeBase: AVRational)] = []
    private var headerWritten = false
    private var closed = false

    public init(path: String, container: Container) throws {
        self.container = container
        formatName = container.rawValue
        if container == .mp4 { headerOptions.set("movflags", "+faststart") }
        context = try Self.open(path: path, format: container.rawValue)
    }

    /// An HLS output (RFC 8216): the playlist at `playlist`, fMP4 segments of
    /// `segmentSeconds` beside it named `prefix-00000.m4s`, … and the
    /// initialization segment `prefix-init.mp4`. The playlist is an EVENT
    /// playlist: it grows segment by segment and gets `#EXT-X-ENDLIST` at
    /// `finish`. Each segment and playlist is written under a temporary name
    /// and renamed, so a reader never sees half of one. A segment is cut at
    /// the first keyframe after `segmentSeconds`, so each starts on one.
    public init(hlsPlaylist playlist: String, segmentSeconds: Int, prefix: String) throws {
        container = .mp4
        formatName = "hls"
        let directory = playlist.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        headerOptions.set("hls_time", String(segmentSeconds))
        headerOptions.set("hls_list_size", "0")
        headerOptions.set("hls_playlist_type", "event")
        headerOptions.set("hls_segment_type", "fmp4")
        headerOptions.set("hls_flags", "independent_segments+temp_file")
        headerOptions.set("hls_fmp4_init_filename", prefix + "-init.mp4")
        headerOptions.set("hls_segment_filename", (directory.isEmpty ? "" : directory + "/") + prefix + "-%05d.m4s")
        context = try Self.open(path: playlist, format: "hls")
    }

    private static func open(path: String, format: String) throws -> UnsafeMutablePointer<AVFormatContext> {
        var context: UnsafeMutablePointer<AVFormatContext>?
        try LibavError.check(avformat_alloc_output_context2(&context, nil, format, path), "creating a \(format) output")
        guard let context else { throw MediaError("creating a \(format) output") }
        // Formats that write files of their own (hls: the playlist and segments) open them themselves.
        if let output = context.pointee.oformat, output.pointee.flags & AVFMT_NOFILE == 0 {
            do { try LibavError.check(avio_open(&context.pointee.pb, path, AVIO_FLAG_WRITE), "opening \(path) for writing") } catch {
                avformat_free_context(context)
                throw error
            }
        }
        return context
    }

    deinit {
        if let context {
            if !closed { avio_closep(&context.pointee.pb) }
            avformat_free_context(context)
        }
    }

    /// Whether encoders must put codec headers out of band (mp4, webm: yes).
    public var needsGlobalHeader: Bool {
        guard let format = context?.pointee.oformat else { return false }
        return format.pointee.flags & AVFMT_GLOBALHEADER != 0
    }

    /// Adds a stream for an encoder's output; returns its index.
    public func addStream(for encoder: VideoEncoder) throws -> Int { try addStream(context: encoder.context) }
    public func addStream(for encoder: AudioEncoder) throws -> Int { try addStream(context: encoder.context) }

    private func addStream(context codec: UnsafeMutablePointer<AVCodecContext>) throws -> Int {
        guard let context, let stream = avformat_new_stream(context, nil) else { throw MediaError("adding a stream") }
        try LibavError.check(avcodec_parameters_from_context(stream.pointee.codecpar, codec), "copying codec parameters")
        stream.pointee.time_base = codec.pointee.time_base
        return appendStream(stream, timeBase: codec.pointee.time_base)
    }

    var formatContext: UnsafeMutablePointer<AVFormatContext>? { context }

    func appendStream(_ stream: UnsafeMutablePointer<AVStream>, timeBase: AVRational) -> Int {
        streams.append((stream, timeBase))
        return streams.count - 1
    }

    public func writeHeader() throws {
        guard let context else { return }
        try headerOptions.withDictionary { dictionary in
            _ = try LibavError.check(avformat_write_header(context, &dictionary), "writing the \(formatName) header")
        }
        headerWritten = true
    }

    /// Writes packets of stream `index` (timestamps in their encoder's time base).
    public func write(_ packets: [EncodedPacket], stream index: Int) throws {
        guard let context else { return }
        let (stream, timeBase) = streams[index]
        for packet in packets {
            packet.pointer.pointee.stream_index = Int32(index)
            // A video encoder fed one frame per tick leaves durations at 0;
            // without one the mp4 edit list ends a frame early.
            if packet.pointer.pointee.duration == 0 && timeBase.num == 1 && stream.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO {
                packet.pointer.pointee.duration = 1
            }
            av_packet_rescale_ts(packet.pointer, timeBase, stream.pointee.time_base)
            try LibavError.check(av_interleaved_write_frame(context, packet.pointer), "writing a packet")
        }
    }

    /// Writes the trailer (and, for mp4, moves the index to the front) and closes the file.
    public func finish() throws {
        guard let context, !closed else { return }
        if headerWritten { try LibavError.check(av_write_trailer(context), "finishing the \(formatName) output") }
        avio_closep(&context.pointee.pb)
        closed = true
    }
}

/// What a stream copied without transcoding is (for `--tracks`).
public struct CopiedStreamParameters: Sendable {
    public enum Codec: Sendable { case vp8, vp9, h264, opus }
    public var codec: Codec
    public var width = 0
    public var height = 0
    /// H.264: Annex-B SPS and PPS; Opus: the OpusHead (RFC 7845 §5.1).
    public var extradata: [UInt8] = []
    /// Ticks per second of the timestamps given to `write(bytes:…)`.
    public var clockRate: Int32

    public init(codec: Codec, width: Int = 0, height: Int = 0, extradata: [UInt8] = [], clockRate: Int32) {
        self.codec = codec
        self.width = width
        self.height = height
        self.extradata = extradata
        self.clockRate = clockRate
    }

    /// An OpusHead for a 48 kHz stereo stream with the usual 312-sample pre-skip.
    public static let opusHead: [UInt8] = Array("OpusHead".utf8) + [1, 2, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]
}

extension Muxer {
    /// Adds a stream whose packets are written as they came (no encoder).
    public func addStream(copying parameters: CopiedStreamParameters) throws -> Int {
        guard let context = formatContext, let stream = avformat_new_stream(context, nil) else { throw MediaError("adding a stream") }
        let codecpar = stream.pointee.codecpar!
        switch parameters.codec {
        case .vp8: codecpar.pointee.codec_id = AV_CODEC_ID_VP8
        case .vp9: codecpar.pointee.codec_id = AV_CODEC_ID_VP9
        case .h264: codecpar.pointee.codec_id = AV_CODEC_ID_H264
        case .opus: codecpar.pointee.codec_id = AV_CODEC_ID_OPUS
        }
        if parameters.codec == .opus {
            codecpar.pointee.codec_type = AVMEDIA_TYPE_AUDIO
            codecpar.pointee.sample_rate = 48_000
            av_channel_layout_default(&codecpar.pointee.ch_layout, 2)
            codecpar.pointee.initial_padding = 312
        } else {
            codecpar.pointee.codec_type = AVMEDIA_TYPE_VIDEO
            codecpar.pointee.width = Int32(parameters.width)
            codecpar.pointee.height = Int32(parameters.height)
            codecpar.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        }
        if !parameters.extradata.isEmpty {
            let size = parameters.extradata.count
            guard let buffer = av_mallocz(size + Int(AV_INPUT_BUFFER_PADDING_SIZE)) else { throw MediaError("out of memory") }
            parameters.extradata.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: size) }
            codecpar.pointee.extradata = buffer.assumingMemoryBound(to: UInt8.self)
            codecpar.pointee.extradata_size = Int32(size)
        }
        let timeBase = AVRational(num: 1, den: parameters.clockRate)
        stream.pointee.time_base = timeBase
        return appendStream(stream, timeBase: timeBase)
    }

    /// Writes one packet of a copied stream; `pts` in the stream's clock.
    public func write(bytes: [UInt8], pts: Int64, duration: Int64 = 0, isKeyframe: Bool, stream index: Int) throws {
        guard let packet = av_packet_alloc() else { throw MediaError("out of memory") }
        let owned = EncodedPacket(taking: packet)
        try LibavError.check(av_new_packet(packet, Int32(bytes.count)), "allocating a packet")
        bytes.withUnsafeBytes { packet.pointee.data.update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: bytes.count) }
        packet.pointee.pts = pts
        packet.pointee.dts = pts
        packet.pointee.duration = duration
        if isKeyframe { packet.pointee.flags |= AV_PKT_FLAG_KEY }
        try write([owned], stream: index)
    }
}
