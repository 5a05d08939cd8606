import APIModel
import Foundation
import Testing
@testable import Jobs

/// What the job service promises every source, seen through stand-ins:
/// started before the recording is active, stopped exactly once with the
/// reason, a refusal to start fails the job and frees its capacity, and a
/// source that ends by itself ends its recording.
@Suite struct RecordingSourceContractTests {
    static let whep = RecordingRequest(room: "pulled", source: .init(type: "whep", url: "http://127.0.0.1:9/whep"), liveComposite: false)

    @Test func aSourceIsStartedFirstAndStoppedOnceWithTheReason() async throws {
        let rooms = FakeRooms(), source = FakeSource()
        let (service, _) = try TestService.make(rooms: rooms, source: source)
        let job = try await service.createRecording(Self.whep)
        #expect(job.state == "active" && source.events.withLock { $0 } == ["start"])
        #expect(rooms.calls.withLock { $0.started } == ["pulled"], "the room's recorder opened before the source started")
        let stopped = try await service.stopRecording(id: job.id)
        _ = try await service.stopRecording(id: job.id)  // a second stop changes nothing
        #expect(stopped.state == "aborted", "nothing was published: \(stopped.state)")
        #expect(source.events.withLock { $0 } == ["start", "stop: stopped by request"])
        #expect(rooms.calls.withLock { $0.stopped.map(\.reason) } == ["stopped by request"])
        #expect(await service.currentLoad == 0)
    }

    @Test func aSourceThatCannotStartFailsTheJobAndGivesBackItsCapacity() async throws {
        let rooms = FakeRooms(), source = FakeSource(refusesToStart: true)
        let (service, _) = try TestService.make(rooms: rooms, source: source)
        let job = try await service.createRecording(Self.whep)
        #expect(job.state == "failed" && job.error?.reason == "start_failed", "\(job.state) \(String(describing: job.error))")
        #expect(job.error?.message.contains("the far server refused") == true)
        #expect(rooms.calls.withLock { $0.stopped.map(\.reason) } == ["the WHEP source could not be reached"], "the recorder was closed again")
        #expect(await service.currentLoad == 0)
    }

    @Test func aSourceThatEndsByItselfEndsItsRecording() async throws {
        let source = FakeSource()
        let (service, _) = try TestService.make(source: source)
        let job = try await service.createRecording(Self.whep)
        await source.end("the Janus source ended: the room was destroyed")
        let ended = try await TestService.wait(service, job.id, until: ["aborted", "completed", "failed"])
        #expect(ended.state == "aborted")
        #expect(ended.history?.contains { ($0.reason ?? "").contains("the room was destroyed") } == true, "\(String(describing: ended.history))")
        #expect(source.events.withLock { $0 }.filter { $0.hasPrefix("stop") }.count == 1)
    }
}
