import Dump
import Foundation
import Testing

/// Built-in rooms with real browsers: headless Chromium pages open the call
/// page (`/call/{room}`), each sending a canvas of its own color and an
/// oscillator of its own tone; tessera's recorder joins as a room peer,
/// people come and go and one shares a screen; the recording shows who was
/// there when. And the signaling refuses what it must, seen from an
/// independent WebSocket client (the `websockets` library).
@Suite(.serialized) struct RoomCallInteropTests {
    typealias Service = ServiceInteropTests

    /// One headless Chromium with the call page open; `close()` is leaving the call.
    final class CallPage {
        let process = Process()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-call-\(UUID().uuidString)").path

        init(_ url: String) throws {
            let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
            process.executableURL = URL(fileURLWithPath: try #require(browser, "chromium is not installed (scripts/install-deps.sh installs it)"))
            process.arguments = [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=\(profile)",
                "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--remote-debugging-port=0", url,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func close() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: profile)
        }

        deinit { close() }
    }

    static func token(_ server: ServerProcess, room: String, name: String, mayRecord: Bool = false) throws -> String {
        let issued = try Service.post(server, "/v1/rooms/\(room)/tokens", #"{"name": "\#(name)", "mayRecord": \#(mayRecord)}"#)
        #expect(issued.status == 201, "\(issued.body)")
        struct Issued: Decodable { var token: String; var callUrl: String }
        return try Service.decode(Issued.self, issued.body).token
    }

    static func members(_ server: ServerProcess, room: String) throws -> Int {
        struct Rooms: Decodable { struct Room: Decodable { var room: String; var members: Int }; var rooms: [Room] }
        // A busy machine may time a request out: that counts as "not yet", the caller polls again.
        guard let listed = try? ServerProcess.http("GET", server.base + "/v1/rooms", headers: [Service.auth]),
              let rooms = try? Service.decode(Rooms.self, listed.body) else { return -1 }
        return rooms.rooms.first { $0.room == room }?.members ?? 0
    }

    /// Polls without holding a thread: tests share the cooperative pool (two threads here).
    static func waitForMembers(_ server: ServerProcess, room: String, _ count: Int, seconds: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try members(server, room: room) != count, Date() < deadline { try await Task.sleep(nanoseconds: 200_000_000) }
        #expect(try members(server, room: room) == count, "\(count) members in \(room)")
    }

    /// A recording as it runs: who is in it and what each track has received.
    struct LiveRecording: Decodable {
        struct Track: Decodable { var participantId: String; var kind: String; var packets: Int; var ended: Bool }
        struct Participant: Decodable { var id: String; var name: String? }
        var tracks: [Track]
        var participants: [Participant]

        func tracks(of name: String, _ kind: String?) -> [Track] {
            let ids = Set(participants.filter { $0.name == name }.map(\.id))
            return tracks.filter { ids.contains($0.participantId) && (kind == nil || $0.kind == kind) }
        }

        /// Opus sends 50 packets a second: a clock of media received.
        func audioPackets(_ name: String) -> Int { tracks(of: name, "audio").reduce(0) { $0 + $1.packets } }
    }

    static func recording(_ server: ServerProcess, _ id: String) throws -> LiveRecording {
        try Service.decode(LiveRecording.self, ServerProcess.http("GET", server.base + "/v1/recordings/\(id)", headers: [Service.auth]).body)
    }

    /// Polls the recording until `condition` holds, bounded generously; a busy machine's timed-out request is "not yet".
    @discardableResult
    static func waitForRecording(_ server: ServerProcess, _ id: String, _ what: String, seconds: Double = 90,
                                 _ condition: (LiveRecording) -> Bool) async throws -> LiveRecording {
        let deadline = Date().addingTimeInterval(seconds)
        var last: LiveRecording?
        while Date() < deadline {
            if let now = try? recording(server, id) {
                last = now
                if condition(now) { return now }
            }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        let seen = try #require(last, "the recording never answered while waiting for \(what)")
        Issue.record("waited \(Int(seconds)) s for \(what): tracks \(seen.tracks), participants \(seen.participants)")
        return seen
    }

    @Test func recorderFollowsACallWhosePeopleAndTracksChange() async throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let room = "call-\(UUID().uuidString.prefix(6))"
        func url(_ name: String, _ fake: String, extra: String = "") throws -> String {
            server.base + "/call/\(room)?token=\(try Self.token(server, room: room, name: name))&fake=\(fake)\(extra)"
        }
        func page(_ name: String, _ fake: String, extra: String = "") throws -> CallPage { try CallPage(try url(name, fake, extra: extra)) }
        let alice = try page("alice", "red:440")
        defer { alice.close() }
        let bobURL = try url("bob", "green:660")
        let bob = try CallPage(bobURL)
        defer { bob.close() }
        try await Self.waitForMembers(server, room: room, 2)

        let created = try Service.post(server, "/v1/recordings",
                                       #"{"room": "\#(room)", "source": {"type": "room"}, "layout": "presentation", "output": {"width": 640, "height": 360}}"#)
        #expect(created.status == 201, "\(created.body)")
        let id = try Service.decode(Service.Document.self, created.body).id
        try await Self.waitForMembers(server, room: room, 3)
        // Each situation lasts until the recording holds enough of it: counted in alice's audio
        // packets (50 a second), not in wall time, so a starved browser only makes the test slower.
        try await Self.waitForRecording(server, id, "alice and bob alone for 5 s") { $0.audioPackets("bob") > 0 && $0.audioPackets("alice") >= 250 }

        // carol joins, and shares a (magenta) screen 4 s later for 20 s: two renegotiations.
        let carol = try page("carol", "blue:1000", extra: "&shareAfter=4&shareFor=20&fakeScreen=magenta")
        defer { carol.close() }
        try await Self.waitForMembers(server, room: room, 4)
        let sharing = try await Self.waitForRecording(server, id, "carol's screen") { $0.tracks(of: "carol", "video").count >= 2 }
        // bob stays 5 s of the share, then leaves.
        try await Self.waitForRecording(server, id, "5 s of the share with bob") { $0.audioPackets("alice") >= sharing.audioPackets("alice") + 250 }
        bob.close()
        try await Self.waitForMembers(server, room: room, 3)
        let bobGone = try await Self.waitForRecording(server, id, "bob's tracks ended") { $0.tracks(of: "bob", nil).allSatisfy(\.ended) }
        try await Self.waitForRecording(server, id, "4 s of the share without bob") { $0.audioPackets("alice") >= bobGone.audioPackets("alice") + 200 }
        #expect(try Self.recording(server, id).tracks(of: "carol", "video").contains { !$0.ended },
                "carol still shares when bob comes back (the share lasts 20 s)")
        // bob comes back with the same token: the same participant, back in a tile.
        let bobAgain = try CallPage(bobURL)
        defer { bobAgain.close() }
        try await Self.waitForMembers(server, room: room, 4)
        let shareOver = try await Self.waitForRecording(server, id, "bob back and the share over", seconds: 120) {
            $0.tracks(of: "bob", "audio").contains { !$0.ended } && $0.tracks(of: "carol", "video").filter(\.ended).count == 1
        }
        try await Self.waitForRecording(server, id, "5 s of the three cameras") { $0.audioPackets("alice") >= shareOver.audioPackets("alice") + 250 }

        // A stop waits for the live render's last part; one behind the call on a busy machine draws fewer frames to catch up.
        let stop = try ServerProcess.http("POST", server.base + "/v1/recordings/\(id)/stop", body: "", headers: [Service.auth, Service.json], maxTime: 120)
        let stopped = try Service.decode(Service.Document.self, stop.body)
        #expect(stopped.state == "completed", "\(String(describing: stopped.error))")
        #expect(stopped.participants.compactMap { $0["name"] }.sorted() == ["alice", "bob", "carol"], "bob is one participant: \(stopped.participants)")
        #expect(stopped.tracks.filter { $0.kind == "video" }.count >= 4, "three cameras and a screen: \(stopped.tracks)")

        let output = Fixtures.temporaryPath("room-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        try Self.expectTheCompositeFollows(dump: server.dataDirectory + "/recordings/\(id)/session.rtpd", output: output)
    }

    /// A camera turned off and on again in the call page: the recorder
    /// writes muted and unmuted events for that video track (not the audio),
    /// and the tile is black in between (the browser sends black frames).
    @Test func aCameraTurnedOffIsMutedInTheDump() async throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let room = "cam-\(UUID().uuidString.prefix(6))"
        let alice = try CallPage(server.base + "/call/\(room)?token=\(try Self.token(server, room: room, name: "alice"))&fake=red:440")
        defer { alice.close() }
        try await Self.waitForMembers(server, room: room, 1)
        let created = try Service.post(server, "/v1/recordings", #"{"room": "\#(room)", "source": {"type": "room"}, "output": {"width": 320, "height": 240}}"#)
        let id = try Service.decode(Service.Document.self, created.body).id
        try await Self.waitForMembers(server, room: room, 2)
        // bob joins with a camera that goes off 4 s in, for 5 s.
        let bob = try CallPage(server.base + "/call/\(room)?token=\(try Self.token(server, room: room, name: "bob"))&fake=green:660&camOffAfter=4&camOffFor=5")
        defer { bob.close() }
        try await Self.waitForMembers(server, room: room, 3)
        // 12 s of bob's media (his audio's packets): the 4 s before, the 5 s off and 3 s after.
        try await Self.waitForRecording(server, id, "12 s of bob") { $0.audioPackets("bob") >= 600 }
        let stop = try ServerProcess.http("POST", server.base + "/v1/recordings/\(id)/stop", body: "", headers: [Service.auth, Service.json], maxTime: 120)
        let stopped = try Service.decode(Service.Document.self, stop.body)
        #expect(stopped.state == "completed", "\(String(describing: stopped.error))")

        let dump = server.dataDirectory + "/recordings/\(id)/session.rtpd"
        let report = try CompositeTimeline.inspect(dump)
        let bobVideo = try #require(report.tracks.first { $0.participantName == "bob" && $0.kind == "video" })
        var events: [(time: Double, kind: String, track: UInt16?)] = []
        let reader = try DumpFileReader(path: dump)
        while let item = try reader.next() {
            guard case let .record(timed) = item, case let .event(event) = timed.record, event.kind == .muted || event.kind == .unmuted else { continue }
            events.append((Double(timed.time) / 1e6, event.kind.rawValue, event.trackID))
        }
        #expect(events.map(\.kind) == ["muted", "unmuted"] && events.allSatisfy { $0.track == UInt16(bobVideo.id) }, "\(events)")
        guard events.count == 2 else { return }
        #expect(abs(events[1].time - events[0].time - 5) < 1, "off for about 5 s: \(events)")

        let output = Fixtures.temporaryPath("cam-\(id).mp4")
        #expect(try Service.download(server.base + "/v1/recordings/\(id)/files/recording.mp4", to: output) == 200)
        let origin = try #require(report.tracks.compactMap(\.firstArrivalSeconds).min())
        let off = try MediaProbe.picture(output, at: (events[0].time + events[1].time) / 2 - origin, width: 320, height: 240)
        #expect(CompositeTimeline.colors(in: off) == ["red"], "bob's camera is off: \(CompositeTimeline.colors(in: off))")
        let on = try MediaProbe.picture(output, at: events[1].time + 1.5 - origin, width: 320, height: 240)
        #expect(CompositeTimeline.colors(in: on) == ["red", "green"], "bob's camera is on again: \(CompositeTimeline.colors(in: on))")
    }

    /// What the output must show comes from the dump itself (`CompositeTimeline`);
    /// the screen share (carol's second video) is magenta and fills the top.
    static func expectTheCompositeFollows(dump: String, output: String) throws {
        let checked = try CompositeTimeline.check(dump: dump, output: output, width: 640, height: 360,
                                                  colors: ["alice": "red", "bob": "green", "carol": "blue"],
                                                  tones: ["alice": 440, "bob": 660, "carol": 1000], screenColor: "magenta")
        // The call went through every situation the test set up.
        #expect(checked.contains(["red", "green"]), "alice and bob alone: \(checked)")
        #expect(checked.contains { $0.contains("magenta") && $0.contains("green") }, "carol sharing with bob there: \(checked)")
        #expect(checked.contains { $0.contains("magenta") && !$0.contains("green") }, "bob gone while carol shares: \(checked)")
        #expect(checked.last == ["red", "green", "blue"], "bob back, the share over: \(checked)")
    }

    /// Tokens, malformed and oversized messages, a flood: refused or
    /// limited, and a call in another room goes on unharmed.
    @Test func signalingRefusesWhatItMust() async throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        func client(_ path: String, _ arguments: [String] = []) throws -> [[String: Any]] {
            let script = ServerProcess.projectRoot.appendingPathComponent("scripts/peers/room_client.py").path
            let result = try ServerProcess.run(ServerProcess.python, [script, "ws://127.0.0.1:\(server.httpPort)" + path] + arguments)
            return result.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        let good = try Self.token(server, room: "calm", name: "Calm")
        let wrongRoom = try Self.token(server, room: "elsewhere", name: "Eve")
        for path in ["/v1/rooms/calm/ws", "/v1/rooms/calm/ws?token=\(wrongRoom)", "/v1/rooms/calm/ws?token=v1.e30.00",
                     "/v1/rooms/calm/ws?token=" + good.replacingOccurrences(of: "v1.e", with: "v1.f")] {
            let lines = try client(path)
            #expect(lines.first?["refused"] != nil, "\(path): \(lines)")
        }
        // An expired token, signed with the server's own key.
        #expect(try Service.post(server, "/v1/rooms/calm/tokens", #"{"name": "x", "ttlSeconds": 5}"#).status == 400)

        // A calm member stays connected through everything below and hears the flooder come and go.
        let calm = Process()
        calm.executableURL = URL(fileURLWithPath: ServerProcess.python)
        calm.arguments = [ServerProcess.projectRoot.appendingPathComponent("scripts/peers/room_client.py").path,
                          "ws://127.0.0.1:\(server.httpPort)/v1/rooms/calm/ws?token=\(good)", "--seconds", "6",
                          "--send", #"{"type":"chat","text":"still here"}"#]
        let calmOut = Pipe()
        calm.standardOutput = calmOut
        try calm.run()
        try await Self.waitForMembers(server, room: "calm", 1)

        let rude = try Self.token(server, room: "calm", name: "Rude")
        let malformed = try client("/v1/rooms/calm/ws?token=\(rude)", ["--send", "{", "--send", #"{"type":"offer","to":"nobody","sdp":"v=0"}"#,
                                                                        "--send", #"{"type":"record","action":"start"}"#, "--oversize", "100000"])
        let codes = malformed.compactMap { ($0["got"] as? [String: Any])?["code"] as? String }
        #expect(codes == ["malformed", "unknown_peer", "forbidden", "too_large"], "\(malformed)")
        let flood = try client("/v1/rooms/calm/ws?token=\(rude)", ["--flood", "2000", "--seconds", "3"])
        #expect(flood.contains { $0["closed"] as? Int == 1008 }, "a flood ends in a policy close: \(flood.suffix(3))")
        #expect(flood.filter { ($0["got"] as? [String: Any])?["code"] as? String == "rate_limited" }.count < 50, "errors are not a flood back")

        while calm.isRunning { try await Task.sleep(nanoseconds: 100_000_000) }
        let heard = String(decoding: calmOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(heard.contains("still here") && heard.contains("peer-left") && !heard.contains("closed"), "\(heard)")
    }
}
