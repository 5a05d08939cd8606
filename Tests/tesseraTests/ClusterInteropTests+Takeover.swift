import Foundation
import PostgresTestSupport
import Testing

/// A node killed with SIGKILL while it records a WHEP source: another node
/// takes the recording within the lease and a few seconds, joins the source
/// again and records on; then that node is killed too, and the third takes
/// both earlier turns from the bucket and records the last. The file has the
/// source's colour and tone in each turn with a gap between each (the tile
/// gone, no sound), the job ends `completed` with the three nodes' turns,
/// and `taken_over` is told.
extension ClusterInteropTests {
    struct Turn: Decodable { var node: String?; var gapSeconds: Double? }
    struct TakenOver: Decodable {
        struct Track: Decodable { var kind: String; var packets: Int }
        var id: String
        var state: String
        var node: String?
        var history: [Transition]?
        var segments: [Turn]?
        var tracks: [Track]?
        var durationSeconds: Double?
        var dumpShipping: Storage.Shipping?
        var videoPackets: Int { (tracks ?? []).filter { $0.kind == "video" }.reduce(0) { $0 + $1.packets } }
    }

    @Test func aRecordingWhoseNodesAreKilledGoesOnOnAnotherNodeEachTime() throws {
        let url = try Self.freshDatabase()
        let storage = try S3TestServer()
        try storage.makeBucket("fleet")
        let camera = try WHEPInteropTests.WHEPServerPeer(media: "publish-red.mp4", lifetime: 300)
        defer { camera.stop() }
        let hooks = try WebhookLog()
        let extra = ["--source-hosts", "127.0.0.1", "--webhook-url", hooks.url]
        let ids = ["n1", "n2", "n3"]
        let nodes = try ids.map { try Self.node($0, database: url, storage: storage, extra: extra) }
        var alive = Set(ids)
        defer { for (index, node) in nodes.enumerated() where alive.contains(ids[index]) { _ = node.stop() } }
        let read = { (server: ServerProcess, id: String) in
            try Service.decode(TakenOver.self, ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).body)
        }

        let created = try Service.post(nodes[0], "/v1/recordings", WHEPInteropTests.recordingRequest(room: "relay", url: camera.url, token: nil))
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(TakenOver.self, created.body).id
        #expect(try read(nodes[0], id).node == "n1")
        // Four seconds of media, shipped to the bucket in parts, then n1 dies.
        let running = try Storage.wait(nodes[0], "/v1/recordings/\(id)", seconds: 60) { ($0.durationSeconds ?? 0) >= 4 && ($0.dumpShipping?.parts ?? 0) >= 3 }
        #expect((running.durationSeconds ?? 0) >= 4, "\(String(describing: running.durationSeconds))")
        var owner = "n1", turns = ["n1"]
        for turn in 2...3 {
            nodes[ids.firstIndex(of: owner) ?? 0].kill9()
            alive.remove(owner)
            let killed = Date(), lost = owner
            let watcher = nodes[ids.firstIndex(of: alive.sorted()[0]) ?? 0]
            // Another node holds it within the lease (4 s) and a few seconds, recording again.
            var taken = try read(watcher, id)
            while !(taken.node.map { alive.contains($0) } == true && taken.state == "active" && taken.videoPackets > 0) && Date().timeIntervalSince(killed) < 90 {
                usleep(200_000)
                taken = try read(watcher, id)
            }
            #expect(taken.node.map { alive.contains($0) } == true && taken.state == "active", "turn \(turn): \(taken)")
            print("kill of \(lost) → recording again on \(taken.node ?? "?"): \(String(format: "%.1f", Date().timeIntervalSince(killed))) s")
            owner = try #require(taken.node)
            turns.append(owner)
            let holder = nodes[ids.firstIndex(of: owner) ?? 0]
            // Its turn reaches the bucket (under a folder of its own) before the next kill, or before the stop.
            _ = try Storage.wait(holder, "/v1/recordings/\(id)", seconds: 90) { document in
                (document.dumpShipping?.parts ?? 0) >= 3 && document.dumpShipping?.location.hasSuffix("turn-\(turn)/") == true
            }
            while try read(holder, id).videoPackets < 100 && Date().timeIntervalSince(killed) < 120 { usleep(200_000) }
        }
        #expect(hooks.waitFor(event: "taken_over", job: id, seconds: 30))

        let holder = nodes[ids.firstIndex(of: owner) ?? 0]
        let stopped = try ServerProcess.http("POST", holder.base + "/v1/recordings/\(id)/stop", headers: [Service.auth], maxTime: 120)
        let done = try Service.decode(TakenOver.self, stopped.body)
        #expect(stopped.status == 200 && done.state == "completed", "\(stopped.body)")
        #expect(done.segments?.map(\.node) == turns, "\(String(describing: done.segments))")
        let gap = done.segments?.last?.gapSeconds ?? 0
        #expect(gap > 1, "the time between the last two turns: \(gap) s")
        let historyNodes = Set((done.history ?? []).compactMap(\.node))
        #expect(historyNodes == Set(ids), "the three nodes in its history: \(String(describing: done.history))")

        // The file: red and 440 Hz in each turn, a gap with neither between each.
        let duration = try Self.expectGaps(id: id, on: holder, count: 2, lastGap: gap, width: 320, height: 240)
        print("two takeovers: \(String(format: "%.1f", duration)) s file, last gap \(String(format: "%.1f", gap)) s")
    }

    /// `expectGaps` with one gap.
    static func expectOneGap(id: String, on server: ServerProcess, gap: Double, width: Int, height: Int) throws -> Double {
        try expectGaps(id: id, on: server, count: 1, lastGap: gap, width: width, height: height)
    }

    /// Downloads the recording (a signed link, followed to the bucket) and
    /// checks it: red with a 440 Hz tone at the start and the end, and
    /// `count` gaps between that are neither, the last about as long as the
    /// one between the last two turns.
    static func expectGaps(id: String, on server: ServerProcess, count: Int, lastGap gap: Double, width: Int, height: Int) throws -> Double {
        let link = try Service.decode([String: String].self, try Service.post(server, "/v1/recordings/\(id)/files/recording.mp4/link", "").body)["url"] ?? ""
        let output = Fixtures.temporaryPath("takeover-\(id).mp4")
        let fetched = try ServerProcess.run("/usr/bin/curl", ["-s", "-L", "--max-time", "60", "-o", output, "-w", "%{http_code}", link])
        #expect(fetched.out == "200", "\(fetched.out) \(fetched.err)")
        let duration = try MediaProbe.probe(output).duration
        var red: [Bool] = []
        for step in stride(from: 0.5, to: duration - 0.25, by: 0.5) {
            red.append(FixtureColor.matches(try MediaProbe.picture(output, at: step, width: width, height: height).color(x: width / 2, y: height / 2), "red", tolerance: 60))
        }
        // Runs of frames that are not red: each a gap.
        var gaps: [ClosedRange<Int>] = []
        for (index, isRed) in red.enumerated() where !isRed {
            if let last = gaps.last, last.upperBound == index - 1 { gaps[gaps.count - 1] = last.lowerBound...index } else { gaps.append(index...index) }
        }
        #expect(gaps.count == count && (gaps.first?.lowerBound ?? 0) >= 4 && (gaps.last?.upperBound ?? red.count) < red.count - 2,
                "red in every turn and \(count) gaps between (0.5 s steps over \(duration) s): \(red)")
        if let last = gaps.last {
            #expect(Double(last.count) * 0.5 >= gap - 1.5, "the last gap in the file is as long as the one between the turns (\(gap) s): \(red)")
        }
        let samples = try MediaProbe.audio(output)
        func tone(around seconds: Double) -> (tone: Double, other: Double) {
            let start = max(0, min(samples.count - 24_000, Int(seconds * 48_000) - 12_000))
            let window = samples[start..<min(samples.count, start + 24_000)]
            return (MediaProbe.tonePower(window, frequency: 440), MediaProbe.tonePower(window, frequency: 3000))
        }
        let before = tone(around: 1.5), after = tone(around: duration - 1.5)
        #expect(before.tone > 1000 * before.other && after.tone > 1000 * after.other, "440 Hz before \(before) and after \(after)")
        for range in gaps where range.count >= 3 {
            let inGap = tone(around: Double(range.lowerBound + range.upperBound + 2) * 0.25)
            #expect(inGap.tone < before.tone / 100, "silence in the gap: \(inGap) against \(before)")
        }
        return duration
    }
}

/// A node SIGKILLed while it records a room of WHIP publishers: the
/// recording is taken over, the room's home moves with it, and a publisher
/// posting again to a third node is redirected to the new home and recorded
/// into the second turn.
extension ClusterInteropTests {
    @Test func aWHIPRoomWhoseNodeIsKilledGoesOnWhenItsPublisherPostsAgain() throws {
        let url = try Self.freshDatabase()
        let storage = try S3TestServer()
        try storage.makeBucket("fleet")
        let nodes = try ["n1", "n2", "n3"].map { try Self.node($0, database: url, storage: storage) }
        defer { for node in nodes.dropFirst() { _ = node.stop() } }
        let read = { (server: ServerProcess, id: String) in
            try Service.decode(TakenOver.self, ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).body)
        }
        let created = try Service.post(nodes[0], "/v1/recordings", #"{"room": "stage", "output": {"width": 320, "height": 240}}"#)
        let id = try Service.decode(TakenOver.self, created.body).id
        let placed = try read(nodes[0], id)
        #expect(created.status == 201 && placed.node == "n1", "\(created.body)")
        let before = try Service.startPublisher(nodes[0].base + "/whip/stage", media: "publish-red.mp4", codec: "vp8", seconds: 30)
        defer { before.terminate() }
        _ = try Storage.wait(nodes[0], "/v1/recordings/\(id)", seconds: 60) { ($0.durationSeconds ?? 0) >= 3 && ($0.dumpShipping?.parts ?? 0) >= 2 }
        nodes[0].kill9()
        before.terminate()
        let killed = Date()

        var taken = try read(nodes[2], id)
        while !(taken.node != nil && taken.node != "n1" && taken.state == "active") && Date().timeIntervalSince(killed) < 90 {
            usleep(200_000)
            taken = try read(nodes[2], id)
        }
        let home = try #require(taken.node, "\(taken)")
        #expect(home != "n1" && taken.state == "active", "\(taken)")
        // The publisher posts again, to whichever node is not the new home: it is redirected there.
        let elsewhere = nodes[home == "n2" ? 2 : 1], homeNode = nodes[home == "n2" ? 1 : 2]
        let offered = try ServerProcess.http("POST", elsewhere.base + "/whip/stage", body: "v=0", headers: [Service.auth, "Content-Type: application/sdp"])
        #expect(offered.status == 307 && Self.location(offered.headers) == homeNode.base + "/whip/stage", "\(offered.status) \(offered.headers)")
        let after = try Service.startPublisher(elsewhere.base + "/whip/stage", media: "publish-red.mp4", codec: "vp8", seconds: 4)
        after.waitUntilExit()

        let stopped = try ServerProcess.http("POST", elsewhere.base + "/v1/recordings/\(id)/stop", headers: [Service.auth], maxTime: 120)
        let done = try Service.decode(TakenOver.self, stopped.body)
        #expect(stopped.status == 200 && done.state == "completed", "\(stopped.body)")
        #expect(done.segments?.map(\.node) == ["n1", home], "\(String(describing: done.segments))")
        let output = Fixtures.temporaryPath("stage-\(id).mp4")
        let link = try Service.decode([String: String].self, try Service.post(elsewhere, "/v1/recordings/\(id)/files/recording.mp4/link", "").body)["url"] ?? ""
        let fetched = try ServerProcess.run("/usr/bin/curl", ["-s", "-L", "--max-time", "60", "-o", output, "-w", "%{http_code}", link])
        #expect(fetched.out == "200", "\(fetched.out) \(fetched.err)")
        let duration = try MediaProbe.probe(output).duration
        let early = try MediaProbe.picture(output, at: 1.5, width: 320, height: 240).color(x: 160, y: 120)
        let late = try MediaProbe.picture(output, at: duration - 1, width: 320, height: 240).color(x: 160, y: 120)
        #expect(FixtureColor.matches(early, "red", tolerance: 60) && FixtureColor.matches(late, "red", tolerance: 60),
                "the publisher before the kill \(early) and after posting again \(late), in \(duration) s")
        #expect(duration > 7, "both turns and the gap: \(duration) s")
    }
}
