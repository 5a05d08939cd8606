import Foundation
import Media

/// The encoding end of a render: video and audio encoders and the muxer,
/// run on a thread of their own so that encoding overlaps decoding and
/// compositing. Ticks go in through a bounded queue; the file is written
/// under `path + ".partial"` and renamed to `path` only when complete.
///
/// `@unchecked Sendable`: the encoders and muxer are touched only by the
/// encoding thread; the queue is guarded by `condition`.
public final class RenderOutput: @unchecked Sendable {
    public let path: String
    private let partialPath: String
    private let muxer: Muxer
    private let videoEncoder: VideoEncoder
    private let audioEncoder: AudioEncoder
    private let videoStream: Int
    private let audioStream: Int
    /// The HLS copy of the same encode, when asked for: (muxer, video stream, audio stream).
    private let hls: (muxer: Muxer, video: Int, audio: Int)?
    private let condition = NSCondition()
    private var queue: [RenderSession.Tick] = []
    private var closed = false
    private var failure: Error?
    private var thread: Thread?
    private var done = false
    private static let depth = 4
    private let posterPath: String?
    private let posterIndex: Int64
    private var posterPicture: VideoFrame?
    public private(set) var ticksWritten: Int64 = 0
    private let thumbnails: ThumbnailsOutput?
    private let streams: LiveStreams?
    private let fps: Int64
    /// The tick whose picture is the next thumbnail (the first picture at or after it, when frames were skipped).
    private var nextThumbnailTick: Int64 = 0

    public init(path: String, settings: RenderSettings) throws {
        guard let container = Muxer.Container(path: path) else {
            throw RenderError("\(path): the output must end in .mp4 or .webm")
        }
        self.path = path
        partialPath = path + ".partial"
        posterPath = settings.posterPath
        thumbnails = settings.thumbnails
        fps = Int64(max(1, settings.fps))
        posterIndex = Int64(settings.posterSeconds * Double(settings.fps))
        muxer = try Muxer(path: partialPath, container: container)
        videoEncoder = try VideoEncoder(settings.video, globalHeader: muxer.needsGlobalHeader)
        audioEncoder = try AudioEncoder(settings.audio, globalHeader: muxer.needsGlobalHeader)
        videoStream = try muxer.addStream(for: videoEncoder)
        audioStream = try muxer.addStream(for: audioEncoder)
        try muxer.writeHeader()
        streams = settings.streams
        try streams?.attach(video: videoEncoder, audio: audioEncoder)
        if let output = settings.hls {
            let segments = try Muxer(hlsPlaylist: output.playlistPath, segmentSeconds: output.segmentSeconds, prefix: output.prefix)
            let video = try segments.addStream(for: videoEncoder), audio = try segments.addStream(for: audioEncoder)
            try segments.writeHeader()
            hls = (segments, video, audio)
        } else {
            hls = nil
        }
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "tessera-encode"
        self.thread = thread
        thread.start()
    }

    /// Queues a tick; blocks while the encoder is `depth` ticks behind.
    public func submit(_ tick: RenderSession.Tick) throws {
        if posterPath != nil, tick.index <= posterIndex { if let picture = tick.picture { posterPicture = try? picture.reference() } }
        if let thumbnails, tick.index >= nextThumbnailTick, let picture = tick.picture { writeThumbnail(picture, at: tick.index, thumbnails) }
        ticksWritten += 1
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(tick)
        condition.broadcast()
    }

    /// Writes the picture as the next thumbnail, named after its due time (a thumbnail is a nicety: a failure is skipped).
    private func writeThumbnail(_ picture: VideoFrame, at index: Int64, _ thumbnails: ThumbnailsOutput) {
        let interval = fps * Int64(thumbnails.intervalSeconds)
        let seconds = Int(nextThumbnailTick / fps)
        // Due times passed over without a picture (a long skip) are left out.
        while nextThumbnailTick <= index { nextThumbnailTick += interval }
        guard let jpeg = try? JPEGEncoder.encode(picture) else { return }
        let path = thumbnails.path(seconds: seconds)
        if FileManager.default.createFile(atPath: path + ".partial", contents: Data(jpeg)) { rename(path + ".partial", path) }
    }

    /// Encodes what is queued, finishes the file and renames it into place.
    public func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure {
            unlink(partialPath)
            throw failure
        }
        guard rename(partialPath, path) == 0 else {
            throw RenderError("cannot rename \(partialPath) to \(path): \(String(cString: strerror(errno)))")
        }
        if let posterPath, let posterPicture {
            // The poster is a nicety: a failure to make it does not fail the render.
            if let jpeg = try? JPEGEncoder.encode(posterPicture) {
                _ = FileManager.default.createFile(atPath: posterPath, contents: Data(jpeg))
            }
        }
    }

    /// Gives up: stops encoding and removes the partial file.
    public func abandon() {
        condition.lock()
        closed = true
        failure = failure ?? RenderError("abandoned")
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
        unlink(partialPath)
    }

    /// One encode, every muxer: the HLS muxer and each stream get their own reference to each packet.
    private func write(_ packets: [EncodedPacket], video: Bool) throws {
        streams?.offer(packets, isVideo: video)
        if let hls {
            let copies = packets.compactMap { $0.copy() }
            try hls.muxer.write(copies, stream: video ? hls.video : hls.audio)
        }
        try muxer.write(packets, stream: video ? videoStream : audioStream)
    }

    private func run() {
        do {
            while true {
                condition.lock()
                while queue.isEmpty && !closed && failure == nil { condition.wait() }
                if failure != nil || (queue.isEmpty && closed) {
                    condition.unlock()
                    break
                }
                let tick = queue.removeFirst()
                condition.broadcast()
                condition.unlock()
                if let picture = tick.picture { try write(try videoEncoder.encode(picture, index: tick.index), video: true) }
                if !tick.audio.isEmpty { try write(try audioEncoder.encode(tick.audio[...]), video: false) }
            }
            condition.lock()
            let failed = failure != nil
            condition.unlock()
            if !failed {
                try write(try videoEncoder.finish(), video: true)
                try write(try audioEncoder.finish(), video: false)
                try muxer.finish()
                try hls?.muxer.finish()
            }
        } catch {
            condition.lock()
            failure = failure ?? error
            condition.unlock()
        }
        streams?.end()
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }
}
