import ArgumentParser
import Foundation
import Media
import Render

struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Composites an RTP dump into one MP4 (H.264 + AAC) or WebM (VP8/VP9 + Opus) file.")

    @Argument(help: "The dump (.rtpd), or a recording's dump in object storage: s3://BUCKET/PREFIX/dumps/ID/ (its session.rtpd, else its live parts joined).")
    var dump: String

    @OptionGroup(title: "Object storage (for an s3:// dump)") var storage: StorageOptions

    @Option(name: .shortAndLong, help: "The output file: .mp4 or .webm (with --tracks: a directory).")
    var output: String

    @Flag(help: "Write each track to its own file without transcoding (VP8/VP9/Opus → .webm, H.264 → .mp4), aligned to the session start.")
    var tracks = false

    @Option(help: "A layout name from layouts/ or a path to a layout JSON file.")
    var layout = "grid"

    @Option(help: "Output size, WIDTHxHEIGHT (even numbers).")
    var size = "1280x720"

    @Option(help: "Output frames per second.")
    var fps = 30

    @Option(help: "Video bitrate, e.g. 2500k or 4M.")
    var videoBitrate = "2500k"

    @Option(help: "Constant quality instead of a bitrate (x264/libvpx CRF).")
    var crf: Int?

    @Option(help: "x264 preset (ultrafast … veryslow); VP8/VP9 map it to a speed.")
    var preset = "veryfast"

    @Option(help: "Seconds between keyframes.")
    var keyframeInterval = 2.0

    @Option(help: "Audio bitrate, e.g. 128k.")
    var audioBitrate = "128k"

    @Option(help: "Video encoder threads (0: as many as the encoder likes for this machine).")
    var encoderThreads = 0

    @Option(help: "Audio channels: auto (stereo only if a source is stereo), 1 or 2.")
    var audioChannels = "auto"

    @Option(help: "WebM video codec: vp8 or vp9.")
    var videoCodec = "vp8"

    @Option(help: "What a gap in a participant's video shows: last-frame or black.")
    var videoGap = "last-frame"

    @Option(help: "Start at this many seconds into the session.")
    var from: Double?

    @Option(help: "Stop at this many seconds into the session.")
    var to: Double?

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    @Flag(help: "Show libav's own log lines.")
    var verbose = false

    func run() async throws {
        let fetched = try await StoredDump.fetch(dump, storage: storage)
        defer { if let folder = fetched.temporary { try? FileManager.default.removeItem(atPath: folder) } }
        if tracks { return try exportTracks(fetched.path) }
        guard let container = Muxer.Container(path: output) else { throw CLIError("\(output): the output must end in .mp4 or .webm") }
        let sizeParts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard sizeParts.count == 2, let width = sizeParts.first, let height = sizeParts.last,
              width >= 16, height >= 16, width <= 7680, height <= 4320, width % 2 == 0, height % 2 == 0 else {
            throw CLIError("--size \(size): expected WIDTHxHEIGHT with even numbers, e.g. 1280x720")
        }
        guard (1...120).contains(fps) else { throw CLIError("--fps \(fps): expected 1 to 120") }
        guard let gap = RenderSettings.VideoGap(rawValue: videoGap) else { throw CLIError("--video-gap \(videoGap): expected last-frame or black") }
        if let from, let to, to <= from { throw CLIError("--to must be after --from") }

        let layout: Layout
        do { layout = try Layout.load(self.layout) } catch { throw CLIError("\(error)") }
        var settings = RenderSettings(layout: layout, container: container, width: width, height: height, fps: fps)
        settings.videoGap = gap
        settings.from = from
        settings.to = to
        settings.video.bitrate = crf == nil ? try Self.bitrate(videoBitrate, option: "--video-bitrate") : nil
        settings.video.crf = crf
        settings.video.preset = preset
        guard (0...64).contains(encoderThreads) else { throw CLIError("--encoder-threads \(encoderThreads): expected 0 to 64") }
        settings.video.threads = encoderThreads
        settings.video.keyframeInterval = Swift.max(1, Int((keyframeInterval * Double(fps)).rounded()))
        if container == .webm {
            guard let codec = VideoEncoderSettings.Codec(rawValue: videoCodec), codec != .h264 else {
                throw CLIError("--video-codec \(videoCodec): WebM takes vp8 or vp9")
            }
            settings.video.codec = codec
        }
        settings.audio.bitrate = try Self.bitrate(audioBitrate, option: "--audio-bitrate")
        switch audioChannels {
        case "auto": settings.detectAudioChannels = true
        case "1", "2":
            settings.detectAudioChannels = false
            settings.audio.channels = Int(audioChannels)!
        default: throw CLIError("--audio-channels \(audioChannels): expected auto, 1 or 2")
        }

        let dump = fetched.path
        try DumpArgument.check(dump)
        LibavLogging.set(verbose: verbose)
        var renderer = Renderer(settings: settings)
        let bar = ProgressBar(label: "render")
        renderer.progress = { fraction, seconds in bar.update(fraction: fraction, detail: String(format: "%.1f s of output", seconds)) }
        let summary: RenderSummary
        do { summary = try renderer.render(dump: dump, to: output) } catch {
            bar.end()
            throw CLIError("render failed: \(error)")
        }
        bar.end()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            printError(summary.text)
        }
    }

    func exportTracks(_ dump: String) throws {
        try DumpArgument.check(dump)
        LibavLogging.set(verbose: verbose)
        let results: [TrackExporter.Result]
        do { results = try TrackExporter().export(dump: dump, to: output) } catch { throw CLIError("render --tracks failed: \(error)") }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            for result in results {
                printError("wrote \(result.path): track \(result.trackID) \(result.codec) of \(result.participantID), \(result.frames) frames from \(String(format: "%.3f", result.startSeconds)) s"
                    + (result.skippedBeforeKeyframe > 0 ? ", \(result.skippedBeforeKeyframe) frames before the first keyframe left out" : ""))
            }
        }
    }

    static func bitrate(_ text: String, option: String) throws -> Int {
        let lower = text.lowercased()
        let multiplier = lower.hasSuffix("k") ? 1_000 : lower.hasSuffix("m") ? 1_000_000 : 1
        let digits = multiplier == 1 ? lower : String(lower.dropLast())
        guard let value = Double(digits), value > 0, value * Double(multiplier) < 1e9 else {
            throw CLIError("\(option) \(text): expected a bitrate like 2500k or 4M")
        }
        return Int(value * Double(multiplier))
    }
}

extension RenderSummary {
    var text: String {
        var lines = [
            "wrote \(output): \(String(format: "%.2f", durationSeconds)) s, \(framesWritten) frames (\(framesRepeated) repeated: no new picture from any source), \(audioSamplesWritten) audio samples (\(audioChannels == 1 ? "mono" : "stereo"))",
            String(format: "took %.2f s wall: %.1fx real time", wallSeconds, speed),
            "tiles scaled \(tilesScaled), unchanged and reused \(tilesReused)",
        ]
        for span in skippedSpans {
            lines.append("skipped a damaged span of the dump: \(span.length) bytes at offset \(span.offset)\(span.atEnd ? " (torn tail)" : "")")
        }
        for track in tracks {
            var line = "track \(track.id) \(track.participantID) \(track.kind) \(track.codec): \(track.packets) packets, \(track.framesAssembled) frames"
            let dropped = track.framesDroppedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            if !dropped.isEmpty { line += ", dropped " + dropped.joined(separator: ", ") }
            if track.kind == "video" {
                line += ", decoded \(track.framesDecoded), shown \(track.framesShown), superseded \(track.framesSuperseded)"
                if track.framesSkippedWithoutReference > 0 { line += ", skipped without reference \(track.framesSkippedWithoutReference)" }
                if !track.resolutions.isEmpty { line += ", sizes " + track.resolutions.joined(separator: " ") }
                line += track.syncedBySenderReports ? ", lip sync by RTCP SR" : ", placed by arrival"
            } else {
                if track.concealedMilliseconds > 0 { line += ", concealed \(track.concealedMilliseconds) ms" }
                if track.timingCorrections > 0 { line += ", \(track.timingCorrections) packets eased to the clock" }
            }
            if track.decodeErrors > 0 { line += ", decode errors \(track.decodeErrors)" }
            if track.timelineResets > 0 { line += ", timeline resets \(track.timelineResets)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
