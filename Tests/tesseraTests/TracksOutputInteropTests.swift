import Foundation
import Testing

/// `{"kind": "tracks"}` on a recording: two aiortc publishers, the second
/// joining some seconds after the first; at the stop each track is a file
/// of the job, copied without transcoding, on the session's timeline: the
/// late joiner's files start as late as it joined, the first one's at 0.
@Suite(.serialized) struct TracksOutputInteropTests {
    typealias Service = ServiceInteropTests
    typealias Streams = StreamOutputsInteropTests

    struct Stopped: Decodable {
        struct Track: Decodable { var id: Int; var participantId: String; var kind: String; var codec: String }
        struct File: Decodable { var name: String; var contentType: String }
        var state: String
        var tracks: [Track]
        var files: [File]
    }

    /// Where a file's first packet sits (ffprobe's start_time of its one stream).
    static func startSeconds(_ path: String) throws -> Double {
        let data = try MediaProbe.run("ffprobe", ["-v", "error", "-show_entries", "stream=start_time", "-of", "csv=p=0", path])
        return Double(String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "") ?? -1
    }

    @Test func eachTrackIsAFileOfTheJobStartingWhenItsParticipantJoined() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", #"{"room": "tracks", "outputs": [{"kind": "composite", "width": 640, "height": 240}, {"kind": "tracks"}]}"#)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Streams.Recording.self, created.body).id
        let first = try Service.startPublisher(server.base + "/whip/tracks", media: "janus-red.mp4", codec: "vp8", seconds: 40)
        defer { first.terminate() }
        // The second joins once the composite has 5 s of the first.
        let early = try Streams.wait(server, id) { ($0.progressSeconds ?? 0) >= 5 }
        let joinedAfter = early.progressSeconds ?? 0
        #expect(joinedAfter >= 5)
        let second = try Service.startPublisher(server.base + "/whip/tracks", media: "janus-blue.mp4", codec: "vp8", seconds: 40)
        defer { second.terminate() }
        _ = try Streams.wait(server, id) { ($0.progressSeconds ?? 0) >= joinedAfter + 8 }

        let stop = try ServerProcess.http("POST", server.base + "/v1/recordings/\(id)/stop", body: "", headers: [Service.auth, Service.json], maxTime: 120)
        let stopped = try Service.decode(Stopped.self, stop.body)
        #expect(stopped.state == "completed", "\(stop.body)")
        #expect(stopped.tracks.count == 4, "\(stopped.tracks)")
        let names = Set(stopped.files.map(\.name))
        var starts: [String: [Double]] = [:]
        for track in stopped.tracks {
            let name = "track-\(track.participantId)-\(track.id)-\(track.kind).webm"
            #expect(names.contains(name), "\(name) among \(names.sorted())")
            let path = Fixtures.temporaryPath("\(id)-\(name)")
            #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/\(name)", to: path) == 200)
            let probe = try MediaProbe.probe(path)
            let stream = track.kind == "video" ? probe.video : probe.audio
            #expect(stream?.codec_name == track.codec.lowercased() && probe.streams.count == 1, "\(name): copied as it came, \(probe.streams)")
            starts[track.participantId, default: []].append(try Self.startSeconds(path))
        }
        // The first participant's files start at the session's start; the late one's as late as it joined.
        let byStart = starts.values.sorted { ($0.min() ?? 0) < ($1.min() ?? 0) }
        #expect(byStart.count == 2, "\(starts)")
        if byStart.count == 2 {
            #expect(byStart[0].allSatisfy { $0 > -0.1 && $0 < 1.5 }, "the first participant starts at 0 (Opus may start a few ms early, its pre-skip): \(byStart[0])")
            // It was asked in once the composite (1.5 s behind the call) had 5 s; aiortc takes a moment to connect.
            #expect(byStart[1].allSatisfy { $0 >= joinedAfter && $0 < joinedAfter + 8 }, "the late participant starts \(byStart[1]) s in (asked in at \(joinedAfter) s)")
            #expect(abs((byStart[1].max() ?? 0) - (byStart[1].min() ?? 0)) < 1, "its audio and video start together: \(byStart[1])")
        }
    }
}
