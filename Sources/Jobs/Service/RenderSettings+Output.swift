import APIModel
import Render

extension RenderSettings {
    /// The settings for an output a client asked for, with a named layout
    /// (one of `layouts/` or the shipped ones): refused with 400 when the
    /// layout cannot be loaded.
    /// With `hls`, the same encode is written as HLS into `directory` too (`recording.m3u8`, `recording-00000.m4s`, …).
    static func forOutput(_ output: OutputSpec, layout name: String, poster: String?, latencyMicros: Int64,
                          hls: HLSSpec? = nil, directory: String = "", kind: JobKind = .recording) throws(ServiceError) -> RenderSettings {
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
            settings.addHLS(playlist: directory + "/" + JobFiles.hlsPlaylistName(kind), prefix: JobFiles.hlsPrefix(kind), segmentSeconds: hls.segmentSeconds)
        }
        return settings
    }
}
