import APIModel
import Foundation
import Logging
import Synchronization
@testable import Jobs
@testable import Rooms

/// Rooms without a media server: each recording gets a real recorder and
/// dump, into which nobody publishes. Counts what the service asked of it.
final class FakeRooms: RecordingRooms {
    struct Calls: Sendable {
        var started: [String] = []
        var stopped: [(room: String, reason: String)] = []
    }
    let calls = Mutex(Calls())

    func startRecording(room: String, dumpPath: String, sessionID: String) async throws -> RoomRecorder {
        try FileManager.default.createDirectory(atPath: (dumpPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let recorder = try RoomRecorder(room: room, dumpPath: dumpPath, sessionID: sessionID, origin: 0, flushIntervalMicros: 50_000,
                                        logger: Logger(label: "fake-rooms"))
        calls.withLock { $0.started.append(room) }
        return recorder
    }

    func stopRecording(_ recorder: RoomRecorder, reason: String) async throws {
        try recorder.close()
        calls.withLock { $0.stopped.append((recorder.room, reason)) }
    }

    func statistics(of recorder: RoomRecorder) async -> RoomRecorder.Statistics { recorder.statistics }
}

/// A source that says what was done to it, can refuse to start, and can end by itself.
final class FakeSource: RecordingSource {
    let events = Mutex<[String]>([])
    let refusesToStart: Bool
    let ended = Mutex<(@Sendable (String) async -> Void)?>(nil)

    init(refusesToStart: Bool = false) { self.refusesToStart = refusesToStart }

    func start() async throws {
        events.withLock { $0.append("start") }
        if refusesToStart { throw ServiceError(status: 502, code: "source_unreachable", message: "the far server refused") }
    }

    func stop(reason: String) async { events.withLock { $0.append("stop: \(reason)") } }

    /// The far side hangs up.
    func end(_ reason: String) async {
        guard let ended = ended.withLock({ $0 }) else { return }
        await ended(reason)
    }
}

/// Hands every recording the same `FakeSource`.
struct FakeSources: RecordingSourceMaking {
    let source: FakeSource

    func make(for spec: RecordingSpec, jobID: String, ended: @escaping @Sendable (String) async -> Void) throws(ServiceError) -> any RecordingSource {
        source.ended.withLock { $0 = ended }
        return source
    }
}

/// Free space a test sets.
final class Disk: Sendable {
    private let free = Mutex<Int64>(10 << 30)
    func set(_ bytes: Int64) { free.withLock { $0 = bytes } }
    var bytes: Int64 { free.withLock { $0 } }
}

enum TestService {
    /// A job service in a fresh directory, with stand-in rooms and sources.
    static func make(capacity: Int = 12, disk: Disk = Disk(), rooms: FakeRooms = FakeRooms(),
                     source: FakeSource = FakeSource()) throws -> (service: JobService, directory: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = JobService.Configuration(dataDirectory: directory, capacity: capacity, diskFloorBytes: 1 << 20,
                                                     monitorIntervalSeconds: 0.05)
        configuration.freeBytes = { _ in disk.bytes }
        let store = try SQLiteJobStore(path: directory + "/jobs.sqlite")
        let service = JobService(configuration: configuration, store: store, rooms: rooms, sources: FakeSources(source: source),
                                 metrics: ServiceMetrics(), logger: Logger(label: "test"))
        return (service, directory)
    }

    /// Waits (bounded, generously) for the job to reach one of `states`.
    static func wait(_ service: JobService, _ id: String, until states: Set<String>, seconds: Double = 60) async throws -> JobDocument {
        let deadline = Date().addingTimeInterval(seconds)
        var document = try await service.document(id: id)
        while !states.contains(document.state) && Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
            document = try await service.document(id: id)
        }
        return document
    }
}
