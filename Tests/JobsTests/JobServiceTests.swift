import APIModel
import Foundation
import Logging
import Testing
@testable import Jobs

/// The job service in process, with stand-in rooms and a stand-in for the
/// disk: admission, the disk floor, limits and stopping, without any
/// publisher (so every recording ends without media).
@Suite struct JobServiceTests {
    static func service(capacity: Int = 12, disk: Disk) async throws -> (JobService, FakeRooms, String) {
        let rooms = FakeRooms()
        let (service, directory) = try TestService.make(capacity: capacity, disk: disk, rooms: rooms)
        return (service, rooms, directory)
    }

    static func wait(_ service: JobService, _ id: String, until states: Set<String>) async throws -> JobDocument {
        try await TestService.wait(service, id, until: states)
    }

    @Test func belowTheDiskFloorNewJobsAreRefusedAndRunningOnesFail() async throws {
        let disk = Disk()
        let (service, _, _) = try await Self.service(disk: disk)
        let running = try await service.createRecording(RecordingRequest(room: "floor", liveComposite: false))
        #expect(running.state == "active")
        disk.set(1000)
        do {
            _ = try await service.createRecording(RecordingRequest(room: "other"))
            Issue.record("a job was admitted below the disk floor")
        } catch {
            #expect(error.status == 507 && error.code == "insufficient_storage")
        }
        let ended = try await Self.wait(service, running.id, until: ["failed"])
        #expect(ended.state == "failed" && ended.error?.reason == "disk_full", "\(ended.state) \(String(describing: ended.error))")
        #expect(ended.history?.contains { $0.to == "failed" } == true)
        #expect(await service.currentLoad == 0, "its capacity is free again")
    }

    @Test func aDurationLimitEndsTheRecordingByItself() async throws {
        let (service, _, _) = try await Self.service(disk: Disk())
        let job = try await service.createRecording(RecordingRequest(room: "limit", limits: LimitsRequest(maxDurationSeconds: 0.2), liveComposite: false))
        let ended = try await Self.wait(service, job.id, until: ["aborted", "limit_reached", "failed"])
        // Nothing was published, so nothing is kept: aborted, after the limit stopped it.
        #expect(ended.state == "aborted")
        #expect(ended.history?.contains { $0.to == "stopping" && ($0.reason ?? "").contains("maxDurationSeconds") } == true)
    }

    @Test func capacityIsSharedByCost() async throws {
        let (service, _, _) = try await Self.service(capacity: 5, disk: Disk())
        let live = try await service.createRecording(RecordingRequest(room: "a"))
        do {
            _ = try await service.createRecording(RecordingRequest(room: "b"))
            Issue.record("a second live composite fitted in 5 units")
        } catch {
            #expect(error.status == 503 && error.retryAfter == 30)
        }
        _ = try await service.createRecording(RecordingRequest(room: "c", liveComposite: false))
        #expect(await service.currentLoad == 5)
        #expect(try await service.stopRecording(id: live.id).state == "aborted")
        #expect(await service.currentLoad == 1)
        // An upload's import takes its share while it runs, and gives it back.
        let reservation = try await service.reserveImport()
        #expect(await service.currentLoad == 1 + JobCost.dumpImport)
        await #expect(throws: ServiceError.self) { _ = try await service.createRecording(RecordingRequest(room: "d")) }
        reservation.release()
        reservation.release()  // a second release gives nothing back
        #expect(await service.currentLoad == 1)
        // A stop of a finished recording answers with it again; an unknown one is a 404.
        #expect(try await service.stopRecording(id: live.id).state == "aborted")
        await #expect(throws: ServiceError.self) { _ = try await service.stopRecording(id: "nope") }
    }

    @Test func shutdownStopsRunningRecordingsAndRefusesNewOnes() async throws {
        let (service, _, _) = try await Self.service(disk: Disk())
        let job = try await service.createRecording(RecordingRequest(room: "bye", liveComposite: false))
        await service.shutdown(graceSeconds: 30)  // returns as soon as the recording is done; a loaded CI machine may be slow
        #expect(try await service.document(id: job.id).state == "aborted")
        #expect(await !service.isAccepting)
        do {
            _ = try await service.createRecording(RecordingRequest(room: "late"))
            Issue.record("a job was taken during shutdown")
        } catch {
            #expect(error.status == 503 && error.code == "shutting_down")
        }
    }
}
