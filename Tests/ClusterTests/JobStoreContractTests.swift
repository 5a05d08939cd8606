import Foundation
import Jobs
import Testing

/// What every `JobStore` must do, run against SQLite and PostgreSQL alike:
/// jobs live through their states and a restart, illegal transitions
/// change nothing, pages and filters work, and racing writers never move
/// a job from the same state twice.
@Suite struct JobStoreContractTests {
    @Test(arguments: StoreEngine.allCases)
    func aRecordingLivesThroughItsStatesAndARestart(engine: StoreEngine) async throws {
        let (store, reopen) = try await engine.make()
        var recording = Job(id: "rec1", kind: .recording, room: "r", settings: #"{"fps":30}"#, createdAt: 1_000)
        recording.owner = "n1"
        try await store.insert(recording)
        await #expect(throws: JobStoreError.duplicateJob("rec1")) { try await store.insert(Job(id: "rec1", kind: .render, createdAt: 2)) }
        for (state, time) in [(JobState.starting, Int64(2_000)), (.active, 3_000)] {
            _ = try await store.transition(id: "rec1", to: state, at: time, reason: nil, message: nil)
        }
        await #expect(throws: IllegalTransition(kind: .recording, from: .active, to: .completed)) {
            try await store.transition(id: "rec1", to: .completed, at: 4_000, reason: nil, message: nil)
        }
        #expect(try await store.job(id: "rec1")?.state == .active)

        let reopened = try await reopen()
        #expect(try await reopened.unfinished().map(\.id) == ["rec1"])
        let interrupted = try await reopened.transition(id: "rec1", to: .interrupted, at: 5_000, reason: "restart", message: nil)
        #expect(interrupted.state == .interrupted && interrupted.updatedAt == 5_000 && interrupted.settings == #"{"fps":30}"#)
        #expect(interrupted.owner == "n1")
        _ = try await reopened.transition(id: "rec1", to: .processing, at: 6_000, reason: nil, message: nil)
        try await reopened.updateResult(id: "rec1") { _ in #"{"durationSeconds":4}"# }
        _ = try await reopened.transition(id: "rec1", to: .failed, at: 7_000, reason: "disk_full", message: "free disk below 1 GB")
        let failed = try #require(try await reopened.job(id: "rec1"))
        #expect(failed.state == .failed && failed.failureReason == "disk_full" && failed.failureMessage == "free disk below 1 GB")
        #expect(failed.result == #"{"durationSeconds":4}"#)
        #expect(try await reopened.history(id: "rec1").map(\.to) == [.starting, .active, .interrupted, .processing, .failed])
        #expect(try await reopened.history(id: "rec1").last?.reason == "disk_full")
        #expect(try await reopened.unfinished().isEmpty)
        #expect(try await reopened.countsByState() == [.failed: 1])
        #expect(try await reopened.delete(id: "rec1"))
        let gone = try await reopened.job(id: "rec1")
        let deletedAgain = try await reopened.delete(id: "rec1")
        #expect(gone == nil && !deletedAgain)
        #expect(try await reopened.history(id: "rec1").isEmpty)
        await #expect(throws: JobStoreError.unknownJob("rec1")) {
            try await reopened.transition(id: "rec1", to: .starting, at: 8_000, reason: nil, message: nil)
        }
        await #expect(throws: JobStoreError.unknownJob("rec1")) { try await reopened.updateResult(id: "rec1") { $0 } }
    }

    @Test(arguments: StoreEngine.allCases)
    func listsNewestFirstByStateAndRoomInPages(engine: StoreEngine) async throws {
        let store = try await engine.make().store
        for index in 0..<7 {
            try await store.insert(Job(id: "j\(index)", kind: index % 2 == 0 ? .recording : .render, room: index < 4 ? "a" : "b",
                                       createdAt: Int64(index)))
        }
        _ = try await store.transition(id: "j3", to: .starting, at: 10, reason: nil, message: nil)
        #expect(try await store.list(state: nil, room: nil, limit: 3, before: nil).map(\.id) == ["j6", "j5", "j4"])
        #expect(try await store.list(state: nil, room: nil, limit: 3, before: "j4").map(\.id) == ["j3", "j2", "j1"])
        #expect(try await store.list(state: nil, room: nil, limit: 3, before: "j1").map(\.id) == ["j0"])
        #expect(try await store.list(state: nil, room: "a", limit: 10, before: nil).map(\.id) == ["j3", "j2", "j1", "j0"])
        #expect(try await store.list(state: .starting, room: nil, limit: 10, before: nil).map(\.id) == ["j3"])
        #expect(try await store.list(state: .queued, room: "b", limit: 10, before: nil).map(\.id) == ["j6", "j5", "j4"])
        #expect(try await store.list(state: .queued, room: "b", limit: 10, before: "j5").map(\.id) == ["j4"])
        #expect(try await store.list(state: nil, room: "nowhere", limit: 10, before: nil).isEmpty)
    }

    /// Eight writers race to move the same job: no state is left twice, and each change starts where the last ended.
    @Test(arguments: StoreEngine.allCases)
    func eightRacingWritersNeverMoveAJobFromTheSameStateTwice(engine: StoreEngine) async throws {
        let store = try await engine.make().store
        for round in 0..<5 {
            let id = "race\(round)"
            try await store.insert(Job(id: id, kind: .recording, createdAt: 0))
            let targets: [JobState] = [.starting, .aborted, .starting, .failed, .starting, .aborted, .active, .starting]
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for target in targets {
                    group.addTask { (try? await store.transition(id: id, to: target, at: 1, reason: nil, message: nil)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let history = try await store.history(id: id)
            #expect(history.first?.from == .queued && outcomes.filter { $0 }.count == history.count)
            #expect(Set(history.map(\.from)).count == history.count, "no state was left twice: \(history)")
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.to == $1.from }, "each change starts where the last ended")
            #expect(try await store.job(id: id)?.state == history.last?.to)
        }
    }

    /// Concurrent result changes are all kept (each is read-modify-write in one transaction).
    @Test(arguments: StoreEngine.allCases)
    func concurrentResultChangesAreAllKept(engine: StoreEngine) async throws {
        let store = try await engine.make().store
        try await store.insert(Job(id: "r", kind: .render, createdAt: 0))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<16 { group.addTask { try? await store.updateResult(id: "r") { $0 + "\(index)," } } }
        }
        let result = try #require(try await store.job(id: "r")).result
        let kept: Set<String> = Set(result.dropFirst(2).split(separator: ",").map { String($0) })
        let made: Set<String> = Set((0..<16).map { String($0) })
        #expect(kept == made)
    }
}
