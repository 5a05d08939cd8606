import Foundation
import Testing
@testable import Jobs

/// The embedded store on a real SQLite file: jobs survive reopening (a
/// restart), illegal transitions change nothing, pages and filters work.
@Suite struct SQLiteJobStoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString).sqlite").path
    }

    @Test func aRecordingLivesThroughItsStatesAndARestart() async throws {
        let path = Self.path()
        let store = try SQLiteJobStore(path: path)
        try await store.insert(Job(id: "rec1", kind: .recording, room: "r", settings: #"{"fps":30}"#, createdAt: 1_000))
        await #expect(throws: JobStoreError.duplicateJob("rec1")) { try await store.insert(Job(id: "rec1", kind: .render, createdAt: 2)) }
        for (state, time) in [(JobState.starting, Int64(2_000)), (.active, 3_000)] {
            _ = try await store.transition(id: "rec1", to: state, at: time, reason: nil, message: nil)
        }
        // A bug asks for an impossible jump: refused, nothing written.
        await #expect(throws: IllegalTransition(kind: .recording, from: .active, to: .completed)) {
            try await store.transition(id: "rec1", to: .completed, at: 4_000, reason: nil, message: nil)
        }
        #expect(try await store.job(id: "rec1")?.state == .active)

        // The process dies; a new one opens the same file and finds the job unfinished.
        let reopened = try SQLiteJobStore(path: path)
        #expect(try await reopened.unfinished().map(\.id) == ["rec1"])
        let interrupted = try await reopened.transition(id: "rec1", to: .interrupted, at: 5_000, reason: "restart", message: nil)
        #expect(interrupted.state == .interrupted && interrupted.updatedAt == 5_000 && interrupted.settings == #"{"fps":30}"#)
        _ = try await reopened.transition(id: "rec1", to: .processing, at: 6_000, reason: nil, message: nil)
        _ = try await reopened.transition(id: "rec1", to: .failed, at: 7_000, reason: "disk_full", message: "free disk below 1 GB")
        let failed = try #require(try await reopened.job(id: "rec1"))
        #expect(failed.state == .failed && failed.failureReason == "disk_full" && failed.failureMessage == "free disk below 1 GB")
        #expect(try await reopened.history(id: "rec1").map(\.to) == [.starting, .active, .interrupted, .processing, .failed])
        #expect(try await reopened.unfinished().isEmpty)
        #expect(try await reopened.delete(id: "rec1"))
        let gone = try await reopened.job(id: "rec1")
        let deletedAgain = try await reopened.delete(id: "rec1")
        #expect(gone == nil && !deletedAgain)
        await #expect(throws: JobStoreError.unknownJob("rec1")) {
            try await reopened.transition(id: "rec1", to: .starting, at: 8_000, reason: nil, message: nil)
        }
    }

    @Test func listsNewestFirstByStateAndRoomInPages() async throws {
        let store = try SQLiteJobStore(path: Self.path())
        for index in 0..<7 {
            try await store.insert(Job(id: "j\(index)", kind: index % 2 == 0 ? .recording : .render, room: index < 4 ? "a" : "b",
                                       createdAt: Int64(index)))
        }
        _ = try await store.transition(id: "j3", to: .starting, at: 10, reason: nil, message: nil)
        #expect(try await store.list(state: nil, room: nil, limit: 3, before: nil).map(\.id) == ["j6", "j5", "j4"])
        #expect(try await store.list(state: nil, room: nil, limit: 3, before: "j4").map(\.id) == ["j3", "j2", "j1"])
        #expect(try await store.list(state: nil, room: "a", limit: 10, before: nil).map(\.id) == ["j3", "j2", "j1", "j0"])
        #expect(try await store.list(state: .starting, room: nil, limit: 10, before: nil).map(\.id) == ["j3"])
        #expect(try await store.list(state: .queued, room: "b", limit: 10, before: nil).map(\.id) == ["j6", "j5", "j4"])
    }

    /// Two writers race to move the same job out of `queued`: exactly one wins.
    @Test func concurrentTransitionsFromTheSameStateLetOneWin() async throws {
        let store = try SQLiteJobStore(path: Self.path())
        try await store.insert(Job(id: "race", kind: .recording, createdAt: 0))
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for attempt in 0..<8 {
                group.addTask { (try? await store.transition(id: "race", to: attempt % 2 == 0 ? .starting : .aborted, at: 1, reason: nil, message: nil)) != nil }
            }
            var results: [Bool] = []
            for await result in group { results.append(result) }
            return results
        }
        // queued → starting or aborted once; after aborted nothing is legal, after starting only aborted/failed/active.
        let history = try await store.history(id: "race")
        #expect(history.first?.from == .queued && outcomes.filter { $0 }.count == history.count && history.count <= 2)
        #expect(Set(history.map(\.from)).count == history.count, "no state was left twice: \(history)")
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.to == $1.from }, "each change starts where the last ended")
    }
}
