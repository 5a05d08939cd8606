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
    private var context: UnsafeMutablePointer<AVFormatContext>?
    private var streams: [(stream: UnsafeMutablePointer<AVStream>, timeBase: AVRational)] = []
    private var headerWritten = false
    private var closed = false

    public init(path: String, container: Container) throws {
        self.container = container
        var context: UnsafeMutablePointer<AVFormatContext>?
        try LibavError.check(avformat_alloc_output_context2(&context, nil, container.rawValue, path), "creating a \(container.rawValue) output")
        guard let context else { throw MediaError("creating a \(container.rawValue) output") }
        self.context = context
        try LibavError.check(avio_open(&context.pointee.pb, path, AVIO_FLAG_WRITE), "opening \(path) for writing")
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
        streams.append((stream, codec.pointee.time_base))
        return streams.count - 1
    }

    public func writeHeader() throws {
        guard let context else { return }
        var options = LibavOptions()
        if container == .mp4 { options.set("movflags", "+faststart") }
        try options.withDictionary { dictionary in
            _ = try LibavError.check(avformat_write_header(context, &dictionary), "writing the \(container.rawValue) header")
        }
        headerWritten = true
    }

    /// Writes packets of stream `index` (timestamps in their encoder's time base).
    public func write(_ packets: [EncodedPacket], stream index: Int) throws {
        guard let context else { return }
        let (stream, timeBase) = streams[index]
        for packet in packets {
            packet.pointer.pointee.stream_index = Int32(index)
            av_packet_rescale_ts(packet.pointer, timeBase, stream.pointee.time_base)
            try LibavError.check(av_interleaved_write_frame(context, packet.pointer), "writing a packet")
        }
    }

    /// Writes the trailer (and, for mp4, moves the index to the front) and closes the file.
    public func finish() throws {
        guard let context, !closed else { return }
        if headerWritten { try LibavError.check(av_write_trailer(context), "finishing the \(container.rawValue) file") }
        avio_closep(&context.pointee.pb)
        closed = true
    }
}
