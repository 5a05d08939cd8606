import APIModel
import Foundation
import JanusProtocol
import Testing
@testable import Jobs

/// Secrets stay secret, and a job that keeps taking the process down is not
/// run again.
@Suite struct JobHardeningTests {
    @Test func sourceTokensAndPinsAreNeitherStoredNorShown() async throws {
        let (service, directory) = try TestService.make(source: FakeSource(refusesToStart: true))
        // A Janus source that cannot be reached: the job fails to start, but was stored first.
        let request = RecordingRequest(room: "secret", source: .init(type: "janus", url: "http://127.0.0.1:9/janus", token: "tok-SECRET-1",
                                                                     room: .number(1234), pin: "pin-SECRET-2"))
        let created = try await service.createRecording(request)
        let ended = try await JobServiceTests.wait(service, created.id, until: ["start_failed", "failed", "aborted"])
        #expect(ended.recording?.source?.type == "janus" && ended.recording?.source?.url != nil)
        #expect(ended.recording?.source?.token == nil && ended.recording?.source?.pin == nil)
        let shown = String(decoding: try JSONEncoder().encode(ended), as: UTF8.self)
        #expect(!shown.contains("SECRET"), "\(shown)")
        let stored = try await SQLiteJobStore(path: directory + "/jobs.sqlite").job(id: created.id)
        #expect(stored.map { !$0.settings.contains("SECRET") } == true, "\(stored?.settings ?? "")")
    }

    @Test func aJobWhoseRendersCrashedTwiceIsFailedNotRunAgain() async throws {
        let (service, directory) = try TestService.make()
        let store = try SQLiteJobStore(path: directory + "/jobs.sqlite")
        // As a crashed process left it: processing, two renders begun, none finished.
        var job = Job(id: "crashy", kind: .render, room: nil, settings: #"{"uploadId":"u1","layout":"grid"}"#, createdAt: 1)
        var result = JobResult()
        result.dump = "uploads/u1.rtpd"
        result.renderAttempts = 2
        job.result = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        try await store.insert(job)
        for state in [JobState.starting, .processing] { _ = try await store.transition(id: "crashy", to: state, at: 2, reason: nil, message: nil) }
        await service.recover()
        let document = try await service.document(id: "crashy")
        #expect(document.state == "failed" && document.error?.reason == "crashed_during_processing", "\(document.state) \(String(describing: document.error))")
    }
}

/// A damaged row (a wrong type where the schema says text) used to stop
/// `serve` at start with a crash in GRDB's typed subscripts.
@Suite struct DamagedStoreTests {
    @Test func aDamagedRowIsAnErrorAndRecoverySkipsIt() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString).sqlite").path
        let store = try SQLiteJobStore(path: path)
        try await store.insert(Job(id: "good", kind: .render, settings: #"{"uploadId":"u"}"#, createdAt: 1))
        try await store.insert(Job(id: "bad", kind: .render, settings: #"{"uploadId":"u"}"#, createdAt: 2))
        try await store.damage(id: "bad")
        await #expect(throws: JobStoreError.damagedRow("created_at")) { _ = try await store.job(id: "bad") }
        #expect(try await store.unfinished().map(\.id) == ["good"])
        #expect(try await store.list(state: nil, room: nil, limit: 10, before: nil).map(\.id) == ["good"])
    }
}
