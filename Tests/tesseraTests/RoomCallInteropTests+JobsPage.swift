import Foundation
import Testing

/// A built-in room recorded from the jobs page: two people in the room on
/// call pages, an operator types the room's name on the console (the source
/// switches to the built-in room), starts, and later stops the recording there.
extension RoomCallInteropTests {
    @Test func aBuiltInRoomIsRecordedFromTheJobsPage() async throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let room = "console-room"
        let alice = try CallPage(server.base + "/call/\(room)?token=\(try Self.token(server, room: room, name: "alice"))&fake=red:440")
        defer { alice.close() }
        let bob = try CallPage(server.base + "/call/\(room)?token=\(try Self.token(server, room: room, name: "bob"))&fake=blue:660")
        defer { bob.close() }
        try await Self.waitForMembers(server, room: room, 2)

        // The key form is in the HTML before the page's script handles it: wait until the script has asked and been refused.
        let keyAsked = "\(PagesInteropTests.text("key-note")).includes('needs an API key')"
        let useKey = "(() => { document.getElementById('key').value = '\(Service.key)'; document.getElementById('key-form').requestSubmit(); return true; })()"
        let started = try PagesInteropTests.steps(server.base + "/", [
            keyAsked,
            useKey,
            "document.querySelector('#rooms option[value=\"\(room)\"]') && true",
            """
            (() => { const input = document.getElementById('room'); input.value = '\(room)'; input.dispatchEvent(new Event('change'));
              return document.getElementById('source').value; })()
            """,
            "(() => { document.getElementById('start').requestSubmit(); return true; })()",
            "[...document.querySelectorAll('tr.job')].find(r => r.children[2].textContent === '\(room)' && r.querySelector('.state.active'))?.dataset.id",
        ], timeout: 60)
        #expect(started.count == 6 && started[3] == "room", "typing a built-in room's name chose that source: \(started)")
        let id = started.last ?? ""
        #expect(!id.isEmpty && !id.hasPrefix("timeout"), "\(started)")

        // What the members' REC badge shows, and media from both.
        struct Rooms: Decodable { struct Room: Decodable { var room: String; var recording: Bool }; var rooms: [Room] }
        let listed = try Service.decode(Rooms.self, ServerProcess.http("GET", server.base + "/v1/rooms", headers: [Service.auth]).body)
        #expect(listed.rooms.first { $0.room == room }?.recording == true, "the room is being recorded: \(listed.rooms)")
        try await Self.waitForRecording(server, id, "3 s of alice and bob") { $0.audioPackets("alice") >= 150 && $0.audioPackets("bob") >= 150 }

        let stopped = try PagesInteropTests.steps(server.base + "/", [
            keyAsked,
            useKey,
            "(() => { const row = document.querySelector('tr[data-id=\"\(id)\"]'); const stop = row && [...row.querySelectorAll('button')].find(b => b.textContent === 'Stop'); if (stop) stop.click(); return !!stop; })()",
            "document.querySelector('tr[data-id=\"\(id)\"] .state.completed') && true",
        ], timeout: 90)
        #expect(stopped.count == 4, "\(stopped)")
        let done = try Service.get(server, "/v1/recordings/\(id)")
        #expect(done.state == "completed" && done.files.contains { $0.name == "recording.mp4" }, "\(done.state) \(done.files.map(\.name))")
        let names = Set(done.participants.compactMap { $0["name"] })
        #expect(names.isSuperset(of: ["alice", "bob"]), "both members are in the recording: \(done.participants)")
        #expect(done.tracks.filter { $0.kind == "video" && $0.packets > 0 }.count >= 2, "a tile's video from each: \(done.tracks)")
    }
}
