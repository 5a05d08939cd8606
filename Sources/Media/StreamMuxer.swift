import CFFmpeg
import Synchronization

/// Lets another thread break off a stream's blocking network calls
/// (connecting, a write to a stalled peer): libav polls it through the
/// interrupt callback.
public final class StreamCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)
    public init() {}
    public func cancel() { cancelled.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}

/// One live stream to a network destination from encoders that are
/// already running: FLV over RTMP(S) (what YouTube- and Twitch-style
/// ingest takes), MPEG-TS over SRT. It starts at the first video keyframe
/// it is given, with timestamps from 0, so a destination that connects
/// (or reconnects) mid-call gets a stream a player can begin.
///
/// Not thread-safe: one stream thread owns it; only the cancellation is shared.
public final class StreamMuxer {
    public enum Transport: String, Sendable {
        case rtmp, srt
        /// The transport of a URL's scheme (`rtmp`, `rtmps`, `srt`).
        public init?(url: String) {
            let scheme = url.prefix { $0 != ":" }.lowercased()
            switch scheme {
            case "rtmp", "rtmps": self = .rtmp
            case "srt": self = .srt
            default: return nil
            }
        }
        var format: String { self == .rtmp ? "flv" : "mpegts" }
    }

    private var context: UnsafeMutablePointer<AVFormatContext>?
    private let cancellation: StreamCancellation
    private let video: StreamParameters
    private let audio: StreamParameters
    private var streams: [UnsafeMutablePointer<AVStream>] = []
    /// MPEG-TS has no out-of-band codec headers: H.264's SPS and PPS go before each keyframe.
    private var inBandHeaders: OpaquePointer?
    /// The first keyframe's time in each encoder's time base; nil until it came.
    private var start: (video: Int64, audio: Int64)?
    private var closed = false

    /// Connects and writes the stream header; throws when the destination
    /// cannot be reached or refuses, or after `timeoutSeconds` without progress.
    public init(url: String, video: StreamParameters, audio: StreamParameters, timeoutSeconds: Int, cancellation: StreamCancellation) throws {
        guard let transport = Transport(url: url) else { throw MediaError("a stream URL starts with rtmp://, rtmps:// or srt://") }
        self.cancellation = cancellation
        self.video = video
        self.audio = audio
        var context: UnsafeMutablePointer<AVFormatContext>?
        try LibavError.check(avformat_alloc_output_context2(&context, nil, transport.format, url), "creating a \(transport.format) stream")
        guard let context else { throw MediaError("creating a \(transport.format) stream") }
        self.context = context
        context.pointee.interrupt_callback = AVIOInterruptCB(callback: { opaque in
            guard let opaque else { return 0 }
            return Unmanaged<StreamCancellation>.fromOpaque(opaque).takeUnretainedValue().isCancelled ? 1 : 0
        }, opaque: Unmanaged.passUnretained(cancellation).toOpaque())
        var options = LibavOptions()
        options.set("rw_timeout", String(Int64(timeoutSeconds) * 1_000_000))
        if transport == .srt { options.set("connect_timeout", String(timeoutSeconds * 1000)) }
        try options.withDictionary { dictionary in
            _ = try LibavError.check(avio_open2(&context.pointee.pb, url, AVIO_FLAG_WRITE, &context.pointee.interrupt_callback, &dictionary),
                                     "connecting")
        }
        for source in [video, audio] {
            guard let stream = avformat_new_stream(context, nil) else { throw MediaError("adding a stream") }
            try LibavError.check(avcodec_parameters_copy(stream.pointee.codecpar, source.parameters), "copying codec parameters")
            stream.pointee.time_base = source.timeBase
            streams.append(stream)
        }
        if transport == .srt, video.isH264 { inBandHeaders = try Self.inBandHeaderFilter(video) }
        var header = LibavOptions()
        header.set("flush_packets", "1")
        try header.withDictionary { dictionary in
            _ = try LibavError.check(avformat_write_header(context, &dictionary), "starting the stream")
        }
    }

    private static func inBandHeaderFilter(_ video: StreamParameters) throws -> OpaquePointer {
        guard let filter = av_bsf_get_by_name("dump_extra") else { throw MediaError("this libavcodec has no dump_extra filter") }
        var bsf: UnsafeMutablePointer<AVBSFContext>?
        try LibavError.check(av_bsf_alloc(filter, &bsf), "creating a bitstream filter")
        guard let bsf else { throw MediaError("creating a bitstream filter") }
        do {
            try LibavError.check(avcodec_parameters_copy(bsf.pointee.par_in, video.parameters), "copying codec parameters")
            bsf.pointee.time_base_in = video.timeBase
            try LibavError.check(av_bsf_init(bsf), "starting a bitstream filter")
        } catch {
            var owned: UnsafeMutablePointer<AVBSFContext>? = bsf
            av_bsf_free(&owned)
            throw error
        }
        return OpaquePointer(bsf)
    }

    deinit {
        if let inBandHeaders {
            var owned: UnsafeMutablePointer<AVBSFContext>? = UnsafeMutablePointer(inBandHeaders)
            av_bsf_free(&owned)
        }
        if let context {
            avio_closep(&context.pointee.pb)
            avformat_free_context(context)
        }
    }

    /// Whether the stream has begun (a video keyframe came).
    public var hasStarted: Bool { start != nil }

    /// Writes a packet (this muxer's own copy: it is changed); packets
    /// before the first video keyframe, and audio from before it, are left out.
    public func write(_ packet: EncodedPacket, isVideo: Bool) throws {
        guard let context, !closed else { return }
        let pointer = packet.pointer
        if start == nil {
            guard isVideo, packet.isKeyframe else { return }
            start = (pointer.pointee.pts, av_rescale_q(pointer.pointee.pts, video.timeBase, audio.timeBase))
        }
        guard let start else { return }
        let offset = isVideo ? start.video : start.audio
        // Timestamps come from our encoders, but a wrap must not trap.
        pointer.pointee.pts = pointer.pointee.pts &- offset
        if pointer.pointee.dts != tessera_av_nopts_value() { pointer.pointee.dts = pointer.pointee.dts &- offset }
        if !isVideo, pointer.pointee.pts < 0 { return }
        if isVideo, pointer.pointee.duration == 0, video.timeBase.num == 1 { pointer.pointee.duration = 1 }
        let index = isVideo ? 0 : 1
        if isVideo, let inBandHeaders { try writeFiltered(packet, through: UnsafeMutablePointer(inBandHeaders)); return }
        try writePacket(pointer, index: index, timeBase: isVideo ? video.timeBase : audio.timeBase, context: context)
    }

    private func writeFiltered(_ packet: EncodedPacket, through bsf: UnsafeMutablePointer<AVBSFContext>) throws {
        guard let context else { return }
        try LibavError.check(av_bsf_send_packet(bsf, packet.pointer), "adding codec headers")
        while true {
            guard let out = av_packet_alloc() else { throw MediaError("out of memory") }
            let owned = EncodedPacket(taking: out)
            let result = av_bsf_receive_packet(bsf, out)
            if result == LibavError.again || result == LibavError.endOfFile { return }
            try LibavError.check(result, "adding codec headers")
            try writePacket(owned.pointer, index: 0, timeBase: video.timeBase, context: context)
        }
    }

    private func writePacket(_ pointer: UnsafeMutablePointer<AVPacket>, index: Int, timeBase: AVRational,
                             context: UnsafeMutablePointer<AVFormatContext>) throws {
        pointer.pointee.stream_index = Int32(index)
        av_packet_rescale_ts(pointer, timeBase, streams[index].pointee.time_base)
        try LibavError.check(av_interleaved_write_frame(context, pointer), "sending")
    }

    /// Ends the stream (the trailer, then the connection); a failure here is of no consequence.
    public func finish() {
        guard let context, !closed else { return }
        closed = true
        _ = av_write_trailer(context)
        avio_closep(&context.pointee.pb)
    }
}
