import APIModel
import Foundation
import Logging
import NIOPosix
import Rooms
import Testing
import WebRTCDriver
@testable import Jobs

/// The job service in process, with a real UDP media server on loopback
/// and a stand-in for the disk: admission, the disk floor, limits and
/// stopping, without any publisher (so every recording ends without media).
@Suite struct JobServiceTests {
    /// Free space a test sets.
    final class Disk: @unchecked Sendable {
        private let lock = NSLock()
        private var free: Int64 = 10 << 30
        func set(_ bytes: Int64) { lock.lock(); free = bytes; lock.unlock() }
        var bytes: Int64 { lock.lock(); defer { lock.unlock() }; return free }
    }

    static func service(capacity: Int = 12, disk: Disk) async throws -> (JobService, RoomDirectory, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let media = try await UDPMediaServer.start(host: "127.0.0.1", ports: [0], group: MultiThreadedEventLoopGroup.singleton)
        let rooms = try RoomDirectory(configuration: .init(candidateAddresses: ["127.0.0.1"]), media: media, logger: Logger(label: "test"))
        var configuration = JobService.Configuration(dataDirectory: directory, capacity: capacity, diskFloorBytes: 1 << 20,
                                                     monitorIntervalSeconds: 0.05)
        configuration.freeBytes = { _ in disk.bytes }
        let store = try SQLiteJobStore(path: directory + "/jobs.sqlite")
        return (JobService(configuration: configuration, store: store, rooms: rooms, metrics: ServiceMetrics(), logger: Logger(label: "test")),
                rooms, directory)
    }

    static func wait(_ service: JobService, _ id: String, until states: Set<String>) async throws -> JobDocument {
        var document = try await service.document(id: id)
        for _ in 0..<100 where !states.contains(document.state) {
            try await Task.sleep(nanoseconds: 50_000_000)
            document = try await service.document(id: id)
        }
        return document
    }

    @Test func belowTheDiskFloorNewJobsAreRefusedAndRunningOnesFail() async throws {
        let disk = Disk()
        let (service, rooms, _) = try await Self.service(disk: disk)
        defer { Task { await rooms.shutdown() } }
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
        let (service, rooms, _) = try await Self.service(disk: Disk())
        defer { Task { await rooms.shutdown() } }
        let job = try await service.createRecording(RecordingRequest(room: "limit", limits: LimitsRequest(maxDurationSeconds: 0.2), liveComposite: false))
        let ended = try await Self.wait(service, job.id, until: ["aborted", "limit_reached", "failed"])
        // Nothing was published, so nothing is kept: aborted, after the limit stopped it.
        #expect(ended.state == "aborted")
        #expect(ended.history?.contains { $0.to == "stopping" && ($0.reason ?? "").contains("maxDurationSeconds") } == true)
    }

    @Test func capacityIsSharedByCost() async throws {
        let (service, rooms, _) = try await Self.service(capacity: 5, disk: Disk())
        defer { Task { await rooms.shutdown() } }
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
        let (service, rooms, _) = try await Self.service(disk: Disk())
        defer { Task { await rooms.shutdown() } }
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
