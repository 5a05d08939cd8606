import Dump
import Foundation
import Media
import Render
import RTP
import SDP
import Testing

/// Captures of ffmpeg's RTP packetizer, imported and rendered with
/// `Renderer`; the outputs are checked with ffprobe and ffmpeg.
@Suite struct RenderInteropTests {
    static let colors = ["alice": "red", "bob": "green", "carol": "blue", "dave": "yellow",
                         "frank": "red", "grace": "green", "heidi": "blue", "ivan": "yellow"]
    static let tones = ["alice": 440.0, "bob": 660, "carol": 880, "dave": 1100]

    /// Imports a capture into a dump; returns the dump and the participants in join order.
    static func importCapture(_ capture: String, names: [String]) throws -> (dump: String, joinOrder: [String]) {
        let participants = try names.map { name in
            ImportParticipant(id: name, description: try SessionDescription.parse(
                String(contentsOfFile: try Fixtures.path("\(name).sdp"), encoding: .utf8)))
        }
        let dump = Fixtures.temporaryPath("\(capture)-\(UUID().uuidString).rtpd")
        let bytes = try #require(FileManager.default.contents(atPath: try Fixtures.path(capture)))
        _ = try PcapImporter(participants: participants).run(capture: Array(bytes), outputPath: dump, sessionID: capture)
        // Join order: whose join event or packet comes first in the dump (how the renderer orders the grid).
        let reader = try DumpFileReader(path: dump)
        var owner: [UInt16: String] = [:]
        var order: [String] = []
        while let item = try reader.next() {
            guard case let .record(timed) = item else { continue }
            if case let .track(track) = timed.record { owner[track.id] = track.participantID }
            if case let .rtp(id, _) = timed.record, let participant = owner[id], !order.contains(participant) { order.append(participant) }
            if case let .event(event) = timed.record, event.kind == .participantJoined, let participant = event.participantID,
               !order.contains(participant) { order.append(participant) }
        }
        return (dump, order)
    }

    static func render(_ dump: String, to name: String, width: Int = 640, height: Int = 360,
                       adjust: (inout RenderSettings) -> Void = { _ in }) throws -> (String, RenderSummary) {
        let output = Fixtures.temporaryPath(name)
        var settings = RenderSettings(
            layout: try Layout.load(Self.layoutsDirectory + "/grid.json"),
            container: try #require(Muxer.Container(path: output)), width: width, height: height)
        adjust(&settings)
        LibavLogging.set(verbose: false)
        let summary = try Renderer(settings: settings).render(dump: dump, to: output)
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
        return (output, summary)
    }

    static var layoutsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("layouts").path
    }

    /// Tile centers of the grid layout for `count` participants on a canvas.
    static func centers(count: Int, width: Int, height: Int) -> [(Int, Int)] {
        switch count {
        case 1: [(width / 2, height / 2)]
        case 2: [(width / 4, height / 2), (3 * width / 4, height / 2)]
        case 3: [(width / 4, height / 4), (3 * width / 4, height / 4), (width / 2, 3 * height / 4)]
        default: [(width / 4, height / 4), (3 * width / 4, height / 4), (width / 4, 3 * height / 4), (3 * width / 4, 3 * height / 4)]
        }
    }

    static func expectTiles(_ picture: MediaProbe.Picture, participants: [String], _ label: String) {
        let centers = Self.centers(count: participants.count, width: picture.width, height: picture.height)
        for (participant, center) in zip(participants, centers) {
            let color = picture.color(x: center.0, y: center.1)
            #expect(FixtureColor.matches(color, colors[participant]!), "\(label): \(participant)'s tile at \(center) is \(color), not \(colors[participant]!)")
        }
    }

    @Test(arguments: ["mp4", "webm"])
    func fourParticipantsTileAndMix(container: String) throws {
        let (dump, order) = try Self.importCapture("four.pcap", names: ["alice", "bob", "carol", "dave"])
        let (output, summary) = try Self.render(dump, to: "four-\(UUID().uuidString).\(container)", width: 1280, height: 720)
        let probe = try MediaProbe.probe(output)
        let video = try #require(probe.video), audio = try #require(probe.audio)
        #expect(video.codec_name == (container == "mp4" ? "h264" : "vp8"))
        #expect(audio.codec_name == (container == "mp4" ? "aac" : "opus"))
        #expect(video.width == 1280 && video.height == 720)
        #expect(audio.channels == 1, "every source is mono Opus, so the mix is mono")
        #expect(summary.audioChannels == 1)
        #expect(Int(video.nb_read_frames ?? "") == summary.framesWritten)
        #expect(abs(probe.duration - summary.durationSeconds) < 0.15, "file \(probe.duration) s, summary \(summary.durationSeconds) s")
        #expect(summary.durationSeconds > 2.9 && summary.durationSeconds < 3.6)
        if container == "mp4" {
            // faststart: the index (moov) comes before the media (mdat).
            let head = [UInt8](try #require(FileManager.default.contents(atPath: output)).prefix(4096))
            let text = String(decoding: head.map { $0 < 128 ? $0 : 0 }, as: UTF8.self)
            let moov = try #require(text.range(of: "moov")), mdat = text.range(of: "mdat")
            #expect(mdat == nil || moov.lowerBound < mdat!.lowerBound)
        }
        for seconds in [1.0, 2.0] {
            Self.expectTiles(try MediaProbe.picture(output, at: seconds, width: 1280, height: 720), participants: order, "\(seconds) s")
        }
        // Every tone in the mix, well above a frequency no one sent.
        let samples = try MediaProbe.audio(output)
        #expect(samples.count > 48_000 * 2)
        let middle = samples[24_000..<(24_000 + 48_000)]
        // Between the tones there must be nothing: clicks from a badly
        // stitched mix (samples dropped or doubled at packet edges) raise
        // every frequency (30 dB and more); a clean mix keeps them 60 dB down (far
        // from the tones, where the 1 s window's leakage does not reach). Usually
        // 80 dB: four full-scale tones whose relative phases depend on the capture
        // (made anew by each fresh clone's fixtures) sometimes reach the mix's soft
        // limiter, whose gentle distortion has cost up to 13 dB (fresh-clone runs: 74 dB, 67 dB).
        let floor = [3_000.0, 5_000, 9_000].map { MediaProbe.tonePower(middle, frequency: $0) }.max()!
        for (name, tone) in Self.tones {
            let power = MediaProbe.tonePower(middle, frequency: tone)
            #expect(power > floor * 1_000_000, "\(name)'s \(tone) Hz: \(power) vs \(floor) between the tones")
        }
        #expect(summary.tracks.count == 8)
        #expect(summary.tracks.allSatisfy { $0.decodeErrors == 0 })
        #expect(summary.tracks.filter { $0.kind == "video" }.allSatisfy { $0.framesDecoded == 90 && $0.syncedBySenderReports })
    }

    @Test func gridReflowsWhenParticipantsComeAndGo() throws {
        let (dump, order) = try Self.importCapture("reflow.pcap", names: ["frank", "grace", "heidi", "ivan"])
        #expect(order.last == "heidi")
        let (output, summary) = try Self.render(dump, to: "reflow-\(UUID().uuidString).mp4")
        #expect(summary.durationSeconds > 7.8 && summary.durationSeconds < 8.6, "\(summary.durationSeconds) s")
        let early = order.filter { $0 != "heidi" }
        Self.expectTiles(try MediaProbe.picture(output, at: 1.5, width: 640, height: 360), participants: early, "1.5 s")
        // ivan left after 3 s: two side by side.
        Self.expectTiles(try MediaProbe.picture(output, at: 4.0, width: 640, height: 360),
                         participants: early.filter { $0 != "ivan" }, "4.0 s")
        // heidi joined at 5 s.
        Self.expectTiles(try MediaProbe.picture(output, at: 6.5, width: 640, height: 360),
                         participants: early.filter { $0 != "ivan" } + ["heidi"], "6.5 s")
        let probe = try MediaProbe.probe(output)
        #expect(abs(probe.duration - summary.durationSeconds) < 0.15)
    }

    @Test func senderThatRestartsAtANewResolution() throws {
        let (dump, _) = try Self.importCapture("resize.pcap", names: ["judy"])
        let (output, summary) = try Self.render(dump, to: "resize-\(UUID().uuidString).mp4")
        let video = try #require(summary.tracks.first { $0.kind == "video" })
        #expect(video.resolutions.map { $0.split(separator: "@").first.map(String.init) ?? "" } == ["320x240", "640x480"])
        #expect(video.decodeErrors == 0)
        #expect(video.framesDecoded == 90, "both halves decoded: \(video.framesDecoded)")
        #expect(video.timelineResets >= 1)
        #expect(summary.durationSeconds > 2.9 && summary.durationSeconds < 3.6)
        // 4:3 pictures letterboxed in a 16:9 canvas, in the first color then the second.
        for (seconds, color) in [(0.8, "magenta"), (2.4, "cyan")] {
            let picture = try MediaProbe.picture(output, at: seconds, width: 640, height: 360)
            #expect(FixtureColor.matches(picture.color(x: 320, y: 180), color), "\(seconds) s: \(picture.color(x: 320, y: 180))")
            #expect(FixtureColor.matches(picture.color(x: 20, y: 180), "black"), "letterbox at \(seconds) s")
        }
    }

    @Test func fivePercentLossRendersWithoutCorruptFrames() throws {
        let (dump, order) = try Self.importCapture("four-loss5.pcap", names: ["alice", "bob", "carol", "dave"])
        let (output, summary) = try Self.render(dump, to: "loss-\(UUID().uuidString).mp4")
        let videos = summary.tracks.filter { $0.kind == "video" }
        // A keyframe whose parameter-set packet was lost fails to decode; that
        // is caught (and the track waits for the next keyframe), never shown.
        #expect(videos.allSatisfy { $0.decodeErrors <= $0.framesDroppedByReason.values.reduce(0, +) })
        #expect(videos.map { $0.framesDroppedByReason.values.reduce(0, +) }.reduce(0, +) > 0)
        #expect(videos.map(\.framesSkippedWithoutReference).reduce(0, +) > 0)
        #expect(videos.map(\.framesDecoded).reduce(0, +) > 0)
        #expect(summary.tracks.filter { $0.kind == "audio" }.allSatisfy { $0.concealedMilliseconds > 0 })
        #expect(summary.framesWritten >= 89)
        // Nothing corrupt is ever shown: each tile holds either its sender's
        // color (a cleanly decoded picture) or the participant's placeholder
        // (no clean picture yet), never anything else.
        let centers = Self.centers(count: 4, width: 640, height: 360)
        var clean = 0
        for seconds in stride(from: 0.2, through: 2.8, by: 0.2) {
            let picture = try MediaProbe.picture(output, at: seconds, width: 640, height: 360)
            for (participant, center) in zip(order, centers) {
                let color = picture.color(x: center.0, y: center.1)
                let placeholder = RenderSession.placeholderColor(for: participant).rgb
                let isOwn = FixtureColor.matches(color, Self.colors[participant]!)
                let isPlaceholder = abs(color.r - placeholder.0) <= 24 && abs(color.g - placeholder.1) <= 24 && abs(color.b - placeholder.2) <= 24
                #expect(isOwn || isPlaceholder, "\(participant) at \(seconds) s shows \(color)")
                if isOwn { clean += 1 }
            }
        }
        #expect(clean > 0)
    }

    @Test func h264TrackThatStartsWithoutAKeyframe() throws {
        let (dump, order) = try Self.importCapture("four-nokey.pcap", names: ["alice", "bob", "carol", "dave"])
        let (output, summary) = try Self.render(dump, to: "nokey-\(UUID().uuidString).mp4")
        let bob = try #require(summary.tracks.first { $0.participantID == "bob" && $0.kind == "video" })
        #expect(bob.framesSkippedWithoutReference > 0)
        #expect(bob.decodeErrors == 0)
        #expect(bob.framesDecoded >= 55)
        let index = try #require(order.firstIndex(of: "bob"))
        let center = Self.centers(count: 4, width: 640, height: 360)[index]
        let before = try MediaProbe.picture(output, at: 0.3, width: 640, height: 360).color(x: center.0, y: center.1)
        #expect(!FixtureColor.matches(before, "green"), "bob's tile before his first keyframe: \(before)")
        let after = try MediaProbe.picture(output, at: 2.2, width: 640, height: 360).color(x: center.0, y: center.1)
        #expect(FixtureColor.matches(after, "green"), "bob's tile after his keyframe: \(after)")
    }

    /// kim's video flashes white exactly when the audio beeps; the output
    /// must keep them within 20 ms.
    @Test func flashAndBeepStayInSync() throws {
        let (dump, _) = try Self.importCapture("avsync.pcap", names: ["kim"])
        let (output, summary) = try Self.render(dump, to: "avsync-\(UUID().uuidString).mp4")
        let brightness = try MediaProbe.frameBrightness(output)
        var flashes: [Double] = []
        for i in 1..<brightness.count where brightness[i].luma > 100 && brightness[i - 1].luma <= 100 { flashes.append(brightness[i].time) }
        let samples = try MediaProbe.audio(output)
        var beeps: [Double] = []
        var quietSince = 0
        let window = 48  // 1 ms
        for start in stride(from: 0, to: samples.count - window, by: window) {
            let rms = sqrt(samples[start..<(start + window)].reduce(0) { $0 + Double($1 * $1) } / Double(window))
            if rms > 0.05 {
                if quietSince >= 50 { beeps.append(Double(start) / 48_000) }
                quietSince = 0
            } else {
                quietSince += 1
            }
        }
        #expect(flashes.count >= 2, "flashes at \(flashes)")
        #expect(beeps.count == flashes.count, "beeps at \(beeps), flashes at \(flashes)")
        for (flash, beep) in zip(flashes, beeps) {
            #expect(abs(flash - beep) <= 0.020, "flash at \(flash) s, beep at \(beep) s")
        }
        #expect(summary.tracks.first { $0.kind == "video" }?.syncedBySenderReports == true)
    }

    @Test func damagedMiddleRendersAroundTheDamage() throws {
        let (dump, order) = try Self.importCapture("four.pcap", names: ["alice", "bob", "carol", "dave"])
        var bytes = try #require(FileManager.default.contents(atPath: dump))
        let middle = bytes.count / 2
        for i in middle..<(middle + 3_000) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try bytes.write(to: URL(fileURLWithPath: dump))
        let (output, summary) = try Self.render(dump, to: "damaged-\(UUID().uuidString).mp4")
        #expect(summary.skippedSpans.count >= 1)
        #expect(summary.skippedSpans.allSatisfy { !$0.atEnd && $0.length >= 2_000 })
        #expect(summary.durationSeconds > 2.9)
        Self.expectTiles(try MediaProbe.picture(output, at: 2.5, width: 640, height: 360), participants: order, "after the damage")
    }

    @Test func unsupportedCodecFailsNamingIt() throws {
        let dump = Fixtures.temporaryPath("h265-\(UUID().uuidString).rtpd")
        let writer = try DumpWriter(path: dump, header: DumpHeader(anchorWallClockMicros: 0))
        try writer.write(.session(DumpSession(id: "s", startedAtMicros: 0, source: "test")), time: 0)
        try writer.write(.track(DumpTrack(id: 1, participantID: "p", kind: .video, codec: "H265", clockRate: 90_000, payloadType: 96)), time: 0)
        let packet = RTPPacketFields(payloadType: 96, sequenceNumber: 1, timestamp: 0, ssrc: 1, payload: [1, 2, 3]).serialize()
        try writer.write(.rtp(track: 1, bytes: packet[...]), time: 1)
        try writer.close()
        let output = Fixtures.temporaryPath("h265-\(UUID().uuidString).mp4")
        #expect {
            _ = try Self.render(dump, to: URL(fileURLWithPath: output).lastPathComponent)
        } throws: { "\($0)".contains("H265") }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
    }
}

/// `--tracks`: every track in its own file, untouched, on the session timeline.
@Suite struct TrackExportInteropTests {
    @Test func eachTrackIsWrittenWithoutTranscoding() throws {
        let (dump, _) = try RenderInteropTests.importCapture("four.pcap", names: ["alice", "bob", "carol", "dave"])
        let directory = Fixtures.temporaryPath("tracks-\(UUID().uuidString)")
        let results = try TrackExporter().export(dump: dump, to: directory)
        #expect(results.count == 8)
        for result in results {
            let probe = try MediaProbe.probe(result.path)
            let isVideo = result.codec != "opus"
            let stream = try #require(isVideo ? probe.video : probe.audio)
            #expect(stream.codec_name == result.codec.lowercased(), "\(result.path)")
            #expect(result.path.hasSuffix(result.codec == "H264" ? ".mp4" : ".webm"))
            if isVideo {
                #expect(stream.width == 320 && stream.height == 240)
                #expect(Int(stream.nb_read_frames ?? "") == 90, "\(result.path): \(stream.nb_read_frames ?? "?") frames")
            }
            #expect(abs(probe.duration - 3) < 0.25, "\(result.path) lasts \(probe.duration) s")
            #expect(result.startSeconds < 0.5)
        }
        // The decoded pictures are the sender's: a red tile from alice.
        let alice = try #require(results.first { $0.participantID == "alice" && $0.codec == "VP8" })
        let picture = try MediaProbe.picture(alice.path, at: 1, width: 320, height: 240)
        #expect(FixtureColor.matches(picture.color(x: 160, y: 120), "red"))
    }
}

/// carol's video pauses from 0.5 s to 2 s (packets gone, as when a camera
/// is turned off): her tile holds the last picture or turns black, as asked,
/// and nothing after the gap moves.
@Suite struct VideoGapInteropTests {
    @Test(arguments: [RenderSettings.VideoGap.lastFrame, .black])
    func gapShowsLastFrameOrBlack(mode: RenderSettings.VideoGap) throws {
        let (dump, order) = try RenderInteropTests.importCapture("four-gap.pcap", names: ["alice", "bob", "carol", "dave"])
        let (output, summary) = try RenderInteropTests.render(dump, to: "gap-\(UUID().uuidString).mp4") { $0.videoGap = mode }
        let index = try #require(order.firstIndex(of: "carol"))
        let center = RenderInteropTests.centers(count: 4, width: 640, height: 360)[index]
        // Her last picture is at ~0.5 s and the next keyframe lands at ~1.9–2.0 s
        // (lip sync may move it up to 0.1 s earlier); black starts a second
        // after the last picture, so 1.65 s is well inside the black stretch.
        let during = try MediaProbe.picture(output, at: 1.65, width: 640, height: 360).color(x: center.0, y: center.1)
        #expect(FixtureColor.matches(during, mode == .black ? "black" : "blue"), "carol's tile during the gap: \(during)")
        let after = try MediaProbe.picture(output, at: 2.5, width: 640, height: 360).color(x: center.0, y: center.1)
        #expect(FixtureColor.matches(after, "blue"), "carol's tile after the gap: \(after)")
        #expect(summary.durationSeconds > 2.9 && summary.durationSeconds < 3.6)
        let carol = try #require(summary.tracks.first { $0.participantID == "carol" && $0.kind == "video" })
        #expect(carol.decodeErrors == 0)
        #expect(carol.timelineResets == 0, "a gap is not a reset: nothing after it moves")
    }
}

/// The speaker layout on ffmpeg-packetized media: four participants whose
/// audio is cut so that alice speaks first, then bob; the large tile follows
/// the voice, not flickering, and everyone stays in the strip.
@Suite struct SpeakerRenderInteropTests {
    /// Copies `dump`, keeping each participant's audio only inside its window (session seconds).
    static func cutAudio(_ dump: String, windows: [String: ClosedRange<Double>]) throws -> String {
        let output = Fixtures.temporaryPath("speakers-\(UUID().uuidString).rtpd")
        let reader = try DumpFileReader(path: dump)
        var writer: DumpWriter?
        var audioOwner: [UInt16: String] = [:]
        var origin: Int64?
        while let item = try reader.next() {
            guard case let .record(timed) = item else { continue }
            if writer == nil { writer = try DumpWriter(path: output, header: reader.header!, synchronizes: false) }
            switch timed.record {
            case let .track(track) where track.kind == .audio: audioOwner[track.id] = track.participantID
            case let .rtp(id, _):
                if origin == nil { origin = timed.time }
                if let owner = audioOwner[id] {
                    let seconds = Double(timed.time - origin!) / 1e6
                    guard windows[owner]?.contains(seconds) ?? false else { continue }
                }
            default: break
            }
            try writer!.write(timed.record, time: timed.time)
        }
        try writer?.close()
        return output
    }

    @Test func theLargeTileFollowsTheVoice() throws {
        let (dump, _) = try RenderInteropTests.importCapture("four.pcap", names: ["alice", "bob", "carol", "dave"])
        let cut = try Self.cutAudio(dump, windows: ["alice": 0...1.4, "bob": 1.4...3.5])
        let (output, summary) = try RenderInteropTests.render(cut, to: "speaker-\(UUID().uuidString).mp4", width: 640, height: 360) {
            $0.layout = try! Layout.load(RenderInteropTests.layoutsDirectory + "/speaker.json")
        }
        #expect(summary.speakerChanges == 2, "nobody → alice → bob: \(summary.speakerChanges)")
        for (seconds, speaker) in [(1.0, "alice"), (2.9, "bob")] {
            let picture = try MediaProbe.picture(output, at: seconds, width: 640, height: 360)
            let color = picture.color(x: 320, y: 140)
            #expect(FixtureColor.matches(color, RenderInteropTests.colors[speaker]!), "\(seconds) s: the large tile is \(color), not \(speaker)'s")
            let strip = (0..<8).map { picture.color(x: 40 + 80 * $0, y: 320) }
            for other in ["alice", "bob", "carol", "dave"] where other != speaker {
                #expect(strip.contains { FixtureColor.matches($0, RenderInteropTests.colors[other]!) }, "\(seconds) s: \(other) in the strip \(strip)")
            }
        }
    }
}
