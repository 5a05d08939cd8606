import Foundation
import Media

/// Everything a render can be asked for.
public struct RenderSettings: Sendable {
    public enum VideoGap: String, Sendable, CaseIterable {
        /// Keep showing the last picture through a gap in a participant's video.
        case lastFrame = "last-frame"
        /// Show black once no picture has come for `gapHoldMicros`.
        case black
    }

    public var width = 1280
    public var height = 720
    public var fps = 30
    public var layout: Layout
    public var videoGap = VideoGap.lastFrame
    public var gapHoldMicros: Int64 = 1_000_000
    /// How far behind the newest record the output runs: time for reordered
    /// packets, sender reports and late joins to arrive. Batch and live use
    /// the same value, so they make the same file.
    public var latencyMicros: Int64 = 1_500_000
    /// Draw fewer frames while behind the input (`LivePacing`); live renders only.
    public var skipFramesWhenBehind = false
    /// Session seconds to start and stop at (nil: the whole session).
    public var from: Double?
    public var to: Double?
    /// The longest output a render makes (24 h by default): a dump whose
    /// times span years must not render until the disk is full.
    public var maximumDurationMicros: Int64 = 86_400_000_000
    /// Choose mono or stereo output from the sources (`audio.channels` is
    /// then set by the renderer): stereo only if some source is stereo.
    public var detectAudioChannels = true
    /// Where to write a JPEG of the output `posterSeconds` in (or of its
    /// last frame, if shorter): the poster of a finished recording.
    public var posterPath: String?
    public var posterSeconds: Double = 3
    /// The output as HLS too, from the same encode (mp4 outputs).
    public var hls: HLSOutput?
    /// Live streams of the same encode (mp4 outputs: H.264 and AAC), whose destinations may change while the render runs.
    public var streams: LiveStreams?
    /// JPEGs of the output's pictures every so often.
    public var thumbnails: ThumbnailsOutput?
    public var video: VideoEncoderSettings
    public var audio: AudioEncoderSettings

    public init(layout: Layout, container: Muxer.Container, width: Int = 1280, height: Int = 720, fps: Int = 30) {
        self.layout = layout
        self.width = width
        self.height = height
        self.fps = fps
        self.video = VideoEncoderSettings(codec: container == .mp4 ? .h264 : .vp8, width: width, height: height, fps: fps)
        self.audio = AudioEncoderSettings(codec: container == .mp4 ? .aac : .opus)
    }

    var tickMicros: Double { 1_000_000 / Double(fps) }

    /// Sets the HLS output; keyframes come every segment, so segments are `segmentSeconds` long.
    public mutating func addHLS(playlist: String, prefix: String, segmentSeconds: Int) {
        hls = HLSOutput(playlistPath: playlist, prefix: prefix, segmentSeconds: segmentSeconds)
        video.keyframeInterval = max(1, fps * segmentSeconds)
    }
}

/// Where an HLS copy of the output goes (`Muxer.init(hlsPlaylist:…)`).
public struct HLSOutput: Sendable, Equatable {
    public var playlistPath: String
    /// The segments' names start with it: `PREFIX-00000.m4s`, `PREFIX-init.mp4`.
    public var prefix: String
    public var segmentSeconds: Int
}

/// Where thumbnails go: `DIRECTORY/PREFIX-thumb-00010.jpg` for the picture 10 s into the output.
public struct ThumbnailsOutput: Sendable, Equatable {
    public var directory: String
    public var prefix: String
    public var intervalSeconds: Int

    public init(directory: String, prefix: String, intervalSeconds: Int) {
        self.directory = directory
        self.prefix = prefix
        self.intervalSeconds = intervalSeconds
    }

    /// The file of the picture `seconds` into the output.
    public func path(seconds: Int) -> String { directory + "/" + prefix + "-thumb-" + String(format: "%05d", seconds) + ".jpg" }
}
