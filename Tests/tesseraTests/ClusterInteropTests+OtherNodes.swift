import Foundation
import PostgresTestSupport
import Testing

/// A request may reach any node: a publisher's WHIP offer sent to the
/// wrong node is redirected to the room's home; a recording asked of a full
/// node is placed on one with room; a layout change and a stop sent to a
/// node that does not run the recording are carried out by the one that
/// does, refusals included; and a file still only on its node's disk is
/// downloaded through the other by a redirect (a signed link too).
extension ClusterInteropTests {
    struct Recording: Decodable {
        struct LayoutChange: Decodable { var layout: String }
        var id: String
        var state: String
        var node: String?
        var history: [Transition]?
        var layoutChanges: [LayoutChange]?
    }

    @Test func commandsAndDownloadsSentToAnotherNodeReachTheOwner() throws {
        let url = try Self.freshDatabase()
        // No bucket: files stay on the disk of the node that made them.
        // Each node has room for one live composite (4 units).
        let nodes = try ["n1", "n2"].map { id in
            try ServerProcess(extraArguments: ["--api-key", Service.key, "--database", url, "--node-id", id, "--lease-seconds", "4", "--capacity", "4"],
                              autoRecord: false)
        }
        defer { for node in nodes { _ = node.stop() } }
        let (owner, other) = (nodes[0], nodes[1])
        let created = try Service.post(owner, "/v1/recordings", #"{"room": "crossed", "output": {"width": 320, "height": 180}}"#)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Recording.self, created.body).id
        #expect(try Service.decode(Recording.self, created.body).node == "n1", "an idle cluster keeps a recording where it was asked for")
        // The room lives on n1: an offer sent to n2 is redirected there (307) and the publisher follows.
        let publisher = try Service.startPublisher(other.base + "/whip/crossed", media: "publish-red.mp4", codec: "vp8", seconds: 4)
        let offered = try ServerProcess.http("POST", other.base + "/whip/crossed", body: "v=0", headers: [Service.auth, "Content-Type: application/sdp"])
        #expect(offered.status == 307 && Self.location(offered.headers) == owner.base + "/whip/crossed", "\(offered.status) \(offered.headers)")

        // n1 is full: a recording of another room asked of n1 is placed on n2, started there, and its room lives there.
        let overflow = try Service.post(owner, "/v1/recordings", #"{"room": "overflow", "liveComposite": false}"#)
        let placed = try Service.decode(Recording.self, overflow.body)
        #expect(overflow.status == 201 && placed.node == "n2" && placed.state == "active", "\(overflow.status) \(overflow.body)")
        let overflowOffer = try ServerProcess.http("POST", owner.base + "/whip/overflow", body: "v=0", headers: [Service.auth, "Content-Type: application/sdp"])
        #expect(overflowOffer.status == 307 && Self.location(overflowOffer.headers) == other.base + "/whip/overflow")
        let placedStop = try ServerProcess.http("POST", owner.base + "/v1/recordings/\(placed.id)/stop", headers: [Service.auth], maxTime: 60)
        let placedDone = try Service.decode(Recording.self, placedStop.body)
        #expect(placedStop.status == 200 && placedDone.node == "n2" && ["completed", "aborted"].contains(placedDone.state),
                "stopped through n1 by n2, which runs it: \(placedStop.status) \(placedStop.body)")

        let patched = try ServerProcess.http("PATCH", other.base + "/v1/recordings/\(id)", body: #"{"layout": "speaker"}"#,
                                             headers: [Service.auth, Service.json], maxTime: 40)
        #expect(patched.status == 200, "\(patched.body)")
        let changed = try Service.decode(Recording.self, patched.body)
        #expect(changed.layoutChanges?.map(\.layout) == ["speaker"] && changed.node == "n1", "\(patched.body)")
        // The owner's refusal comes back as the owner gave it: only n1 knows which layouts it has.
        let refused = try ServerProcess.http("PATCH", other.base + "/v1/recordings/\(id)", body: #"{"layout": "nowhere"}"#,
                                             headers: [Service.auth, Service.json], maxTime: 40)
        #expect(refused.status == 400 && refused.body.contains("nowhere"), "\(refused.status) \(refused.body)")

        publisher.waitUntilExit()
        let stopped = try ServerProcess.http("POST", other.base + "/v1/recordings/\(id)/stop", headers: [Service.auth], maxTime: 120)
        #expect(stopped.status == 200, "\(stopped.body)")
        let done = try Service.decode(Recording.self, stopped.body)
        #expect(done.state == "completed" && done.node == "n1", "\(stopped.body)")
        let moves = (done.history ?? []).map { "\($0.to)@\($0.node ?? "-")" }
        #expect(moves.contains("stopping@n1") && moves.contains("completed@n1"), "the owner stopped it: \(moves)")
        struct Track: Decodable { var kind: String; var packets: Int }
        struct Tracks: Decodable { var tracks: [Track] }
        let tracks = try Service.decode(Tracks.self, stopped.body).tracks
        #expect(tracks.contains { $0.kind == "video" && $0.packets > 50 }, "the redirected publisher's media is in the recording: \(tracks)")

        // The file is on n1's disk only: n2 sends the download there, query and all.
        let path = "/v1/recordings/\(id)/files/recording.mp4"
        let redirected = try ServerProcess.http("GET", other.base + path, headers: [Service.auth])
        #expect(redirected.status == 307 && Self.location(redirected.headers) == owner.base + path, "\(redirected.status) \(redirected.headers)")
        let link = try Service.post(other, path + "/link", "")
        struct Link: Decodable { var url: String }
        let signed = try Service.decode(Link.self, link.body).url
        #expect(signed.hasPrefix(other.base + path + "?"), "\(signed)")
        let viaLink = try ServerProcess.http("GET", signed)
        let target = Self.location(viaLink.headers) ?? ""
        #expect(viaLink.status == 307 && target == owner.base + String(signed.dropFirst(other.base.count)), "\(viaLink.status) \(target)")
        let fetched = Fixtures.temporaryPath("crossed-\(id).mp4")
        #expect(try Service.download(target, to: fetched, headers: []) == 200, "n1 honours the link n2 signed")
        let probe = try ServerProcess.run("/usr/bin/ffprobe", ["-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", fetched])
        #expect(probe.out.contains("video"), "\(probe.out)")
    }

    static func location(_ headers: String) -> String? {
        headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("location:") }
            .map { String($0.dropFirst("location:".count)).trimmingCharacters(in: .whitespaces) }
    }
}
