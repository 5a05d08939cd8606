import APIModel
import Foundation
import Render

extension RenderSettings {
    /// The settings for an output a client asked for, with a named layout
    /// (one of `layouts/` or the shipped ones): refused with 400 when the
    /// layout cannot be loaded.
    /// With `hls`, the same encode is written as HLS into `directory` too (`recording.m3u8`, `recording-00000.m4s`, …);
    /// with `thumbnails`, its pictures as JPEGs (`recording-thumb-00010.jpg`, …).
    static func forOutput(_ output: OutputSpec, layout name: String, poster: String?, latencyMicros: Int64,
                          hls: HLSSpec? = nil, thumbnails: ThumbnailsSpec? = nil, directory: String = "",
                          kind: JobKind = .recording) throws(ServiceError) -> RenderSettings {
        let layout: Layout
        do { layout = try Layout.load(name) } catch { throw .invalid("layout: \(error)") }
        var settings = RenderSettings(layout: layout, container: output.container == .webm ? .webm : .mp4,
                                      width: output.width, height: output.height, fps: output.fps)
        settings.video.bitrate = output.videoBitrate
        settings.video.preset = output.preset
        settings.audio.bitrate = output.audioBitrate
        settings.latencyMicros = latencyMicros
        settings.posterPath = poster
        if let hls {
            settings.addHLS(playlist: directory + "/" + JobFiles.hlsPlaylistName(kind), prefix: JobFiles.filePrefix(kind), segmentSeconds: hls.segmentSeconds)
        }
        if let thumbnails {
            settings.thumbnails = ThumbnailsOutput(directory: directory, prefix: JobFiles.filePrefix(kind), intervalSeconds: thumbnails.intervalSeconds)
        }
        return settings
    }
}

extension HLSOutput {
    /// Writes the playlist as it is before its first segment: an EVENT
    /// playlist with no segments yet (RFC 8216 §4.3.3.5), which players
    /// load again until segments appear. The muxer replaces it with each
    /// segment, so a playlist a job's document names is there from its start.
    func writeEmptyPlaylist() {
        let text = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:\(segmentSeconds)\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n"
        if FileManager.default.createFile(atPath: playlistPath + ".tmp", contents: Data(text.utf8)) { rename(playlistPath + ".tmp", playlistPath) }
    }
}
