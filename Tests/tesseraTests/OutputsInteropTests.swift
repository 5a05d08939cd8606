import Foundation
import Testing

/// Several outputs from one encode, read by ffmpeg/ffprobe: a WHIP
/// publisher (aiortc) is recorded to an MP4 file and to HLS at once. While
/// the call runs the playlist grows, with no end, and its segments play;
/// at the stop it ends with `#EXT-X-ENDLIST`, its segments add up to the
/// file's length within a segment, and each segment starts on a keyframe.
@Suite(.serialized) struct OutputsInteropTests {
    typealias Service = ServiceInteropTests

    struct Recording: Decodable {
        struct HLS: Decodable { var playlist: String; var segmentSeconds: Int; var complete: Bool }
        struct File: Decodable { var name: String; var contentType: String }
        var id: String
        var state: String
        var hls: HLS?
        var files: [File]
    }

    /// The segments a playlist lists, and the seconds it says each lasts.
    static func segments(_ playlist: String) -> [(name: String, seconds: Double)] {
        let lines = playlist.split(separator: "\n").map(String.init)
        return lines.indices.compactMap { index in
            guard lines[index].hasPrefix("#EXTINF:"), index + 1 < lines.count,
                  let seconds = Double(lines[index].dropFirst("#EXTINF:".count).prefix { $0 != "," }) else { return nil }
            return (lines[index + 1], seconds)
        }
    }

    /// The init segment and one media segment joined: a file ffprobe reads.
    static func playable(_ server: ServerProcess, _ id: String, segment: String) throws -> String {
        let base = server.base + "/v1/recordings/\(id)/files/"
        let initPath = Fixtures.temporaryPath("hls-\(id)-init.mp4"), segmentPath = Fixtures.temporaryPath("hls-\(id)-\(segment)")
        #expect(try Service.download(base + "recording-init.mp4", to: initPath) == 200)
        #expect(try Service.download(base + segment, to: segmentPath) == 200)
        let joined = Fixtures.temporaryPath("hls-\(id)-\(segment).mp4")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: initPath))
        bytes.append(try Data(contentsOf: URL(fileURLWithPath: segmentPath)))
        try bytes.write(to: URL(fileURLWithPath: joined))
        return joined
    }

    /// ffprobe's `key_frame` of each video frame, in order ("1" for a keyframe).
    static func keyFlags(_ path: String) throws -> [String] {
        let data = try MediaProbe.run("ffprobe", ["-v", "error", "-select_streams", "v", "-show_entries", "frame=key_frame", "-of", "csv=p=0", path])
        // A frame with side data (the encoder's SEI) gets a field more: the flag is the first.
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.prefix { $0 != "," }) }
    }

    @Test func anHLSPlaylistGrowsWhileTheCallRunsAndEndsWithTheFile() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", """
            {"room": "live", "outputs": [{"kind": "composite", "width": 320, "height": 240}, {"kind": "hls", "segmentSeconds": 1},
                                         {"kind": "thumbnails", "intervalSeconds": 2}]}
            """)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Recording.self, created.body).id
        let read = { try Service.decode(Recording.self, ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).body) }
        let started = try read()
        #expect(started.hls?.playlist == "/v1/recordings/\(id)/files/recording.m3u8" && started.hls?.segmentSeconds == 1 && started.hls?.complete == false,
                "\(String(describing: started.hls))")
        let publisher = try Service.startPublisher(server.base + "/whip/live", media: "publish-red-long.mp4", codec: "vp8", seconds: 40)
        defer { publisher.terminate() }

        // While the call runs: the playlist grows (three segments, then more), and has no end yet.
        let playlistURL = server.base + "/v1/recordings/\(id)/files/recording.m3u8"
        func playlist() -> (status: Int, body: String) {
            guard let answer = try? ServerProcess.http("GET", playlistURL, headers: [Service.auth]) else { return (0, "") }
            return (answer.status, answer.body)
        }
        var live = playlist()
        let deadline = Date().addingTimeInterval(120)
        while Self.segments(live.body).count < 3 && Date() < deadline {
            usleep(250_000)
            live = playlist()
        }
        let early = Self.segments(live.body)
        #expect(live.status == 200 && early.count >= 3 && !live.body.contains("#EXT-X-ENDLIST"), "\(live.status) \(live.body)")
        #expect(live.body.contains(#"#EXT-X-MAP:URI="recording-init.mp4""#) && live.body.contains("#EXT-X-PLAYLIST-TYPE:EVENT"), "\(live.body)")
        if let first = early.first {
            let segment = try Self.playable(server, id, segment: first.name)
            let probed = try MediaProbe.probe(segment)
            #expect(probed.video?.codec_name == "h264" && probed.video?.width == 320 && probed.audio?.codec_name == "aac", "\(probed.streams)")
            let flags = try Self.keyFlags(segment)
            #expect(flags.first == "1", "the segment starts on a keyframe: \(flags.prefix(5))")
        }
        var grown = live
        while Self.segments(grown.body).count < early.count + 2 && Date() < deadline {
            usleep(250_000)
            grown = playlist()
        }
        #expect(Self.segments(grown.body).count >= early.count + 2, "the playlist grows: \(grown.body)")

        let stop = try ServerProcess.http("POST", server.base + "/v1/recordings/\(id)/stop", body: "", headers: [Service.auth, Service.json], maxTime: 120)
        let stopped = try Service.decode(Recording.self, stop.body)
        #expect(stopped.state == "completed" && stopped.hls?.complete == true, "\(stop.body)")
        let names = Set(stopped.files.map(\.name))
        #expect(names.contains("recording.mp4") && names.contains("recording.m3u8") && names.contains("recording-init.mp4"), "\(names.sorted())")
        #expect(stopped.files.first { $0.name == "recording.m3u8" }?.contentType == "application/vnd.apple.mpegurl")

        // The whole playlist: ended, every segment listed as a file and starting on a keyframe, as long as the file.
        let final = playlist()
        let listed = Self.segments(final.body)
        #expect(final.body.contains("#EXT-X-ENDLIST") && listed.count >= early.count + 2, "\(final.body)")
        #expect(listed.allSatisfy { names.contains($0.name) }, "every segment is a file of the job")
        for segment in listed.dropLast() { #expect(abs(segment.seconds - 1) < 0.2, "1 s segments: \(segment)") }
        for segment in listed {
            let flags = try Self.keyFlags(try Self.playable(server, id, segment: segment.name))
            #expect(flags.first == "1", "\(segment.name) starts on a keyframe: \(flags.prefix(5))")
        }
        let file = Fixtures.temporaryPath("hls-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: file) == 200)
        let fileSeconds = try MediaProbe.probe(file).duration, playlistSeconds = listed.reduce(0) { $0 + $1.seconds }
        #expect(abs(fileSeconds - playlistSeconds) <= 1, "the playlist (\(playlistSeconds) s) is as long as the file (\(fileSeconds) s), within a segment")
        // ffmpeg plays the playlist over HTTP with the API key, segment after segment.
        let played = try MediaProbe.run("ffprobe", ["-v", "error", "-headers", "Authorization: Bearer \(Service.key)\r\n",
                                                    "-show_entries", "format=duration", "-of", "csv=p=0", playlistURL])
        let playedSeconds = Double(String(decoding: played, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(abs(playedSeconds - fileSeconds) <= 1, "played \(playedSeconds) s of \(fileSeconds) s")
        let picture = try MediaProbe.picture(try Self.playable(server, id, segment: listed[listed.count / 2].name), at: 0.2, width: 320, height: 240)
        #expect(FixtureColor.matches(picture.color(x: 160, y: 120), "red", tolerance: 60), "the publisher's colour in a segment")

        // Thumbnails: one every 2 s of the file, from 0, each a 320x240 JPEG showing the publisher's tile.
        let thumbnails = stopped.files.map(\.name).filter { $0.hasPrefix("recording-thumb-") }.sorted()
        let expected = (0...Int((fileSeconds - 0.05) / 2)).map { "recording-thumb-" + String(format: "%05d", $0 * 2) + ".jpg" }
        #expect(thumbnails == expected, "thumbnails of a \(fileSeconds) s file: \(thumbnails)")
        // (The one at 0 s may come before the publisher's first picture.)
        for name in [thumbnails.dropFirst().first, thumbnails.last].compactMap({ $0 }) {
            let path = Fixtures.temporaryPath("\(id)-\(name)")
            #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/\(name)", to: path) == 200)
            let image = try MediaProbe.picture(path, at: 0, width: 320, height: 240)
            #expect(FixtureColor.matches(image.color(x: 160, y: 120), "red", tolerance: 60), "\(name) shows the publisher: \(image.color(x: 160, y: 120))")
        }
        #expect(stopped.files.first { $0.name == thumbnails.last }?.contentType == "image/jpeg")

        // A signed link to the playlist plays without the key: the segments it names are signed links too.
        let link = try Service.decode([String: String].self, try Service.post(server, "/v1/recordings/\(id)/files/recording.m3u8/link", "").body)["url"] ?? ""
        let signed = try ServerProcess.http("GET", link)
        #expect(signed.status == 200 && signed.body.contains("recording-00000.m4s?expires=") && signed.body.contains("recording-init.mp4?expires="),
                "\(signed.status) \(signed.body.prefix(400))")
        let sharedSeconds = Double(String(decoding: try MediaProbe.run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", link]),
                                          as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(abs(sharedSeconds - fileSeconds) <= 1, "played through the signed link: \(sharedSeconds) s of \(fileSeconds) s")

        // A render of the recording makes its own HLS, in batch: complete at once, as long as its file.
        let render = try Service.post(server, "/v1/renders", """
            {"recordingId": "\(id)", "outputs": [{"kind": "hls", "segmentSeconds": 2}, {"kind": "composite", "width": 320, "height": 240}]}
            """)
        #expect(render.status == 201, "\(render.body)")
        let renderID = try Service.decode(Recording.self, render.body).id
        var rendered = try Service.decode(Recording.self, ServerProcess.http("GET", server.base + "/v1/renders/\(renderID)", headers: [Service.auth]).body)
        let renderDeadline = Date().addingTimeInterval(180)
        while !["completed", "failed"].contains(rendered.state) && Date() < renderDeadline {
            usleep(300_000)
            rendered = try Service.decode(Recording.self, ServerProcess.http("GET", server.base + "/v1/renders/\(renderID)", headers: [Service.auth]).body)
        }
        #expect(rendered.state == "completed" && rendered.hls?.complete == true, "\(rendered.state) \(String(describing: rendered.hls))")
        let renderPlaylist = try ServerProcess.http("GET", server.base + "/v1/renders/\(renderID)/files/render.m3u8", headers: [Service.auth]).body
        let renderSeconds = Self.segments(renderPlaylist).reduce(0) { $0 + $1.seconds }
        #expect(renderPlaylist.contains("#EXT-X-ENDLIST") && abs(renderSeconds - fileSeconds) <= 2, "\(renderSeconds) s against \(fileSeconds) s: \(renderPlaylist)")
    }
}
