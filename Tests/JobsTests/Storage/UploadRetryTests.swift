@testable import Jobs
import ObjectStorage
import Testing

/// When a failing upload is tried again, and when it stops being tried until someone asks.
struct UploadRetryTests {
    static func settings(window: Double = 3600, maximumDelay: Double = 60) throws -> StorageSettings {
        var settings = StorageSettings(location: try S3Location(url: "s3://bucket/p"), endpoint: try S3Endpoint(url: "http://127.0.0.1:9000"),
                                       credentials: S3Credentials(accessKey: "a", secretKey: "b"))
        settings.retryWindowSeconds = window
        settings.maximumRetryDelaySeconds = maximumDelay
        return settings
    }

    @Test(arguments: [(1, 2.0), (2, 4.0), (3, 8.0), (5, 32.0), (6, 60.0), (40, 60.0)])
    func theWaitDoublesUpToItsCeiling(_ attempts: Int, _ seconds: Double) throws {
        let now: Int64 = 1_000_000_000
        #expect(UploadRetry.nextAttempt(after: attempts, failingSince: now, now: now, settings: try Self.settings()) == now + Int64(seconds * 1_000_000))
    }

    @Test func afterTheWindowNoTryIsScheduled() throws {
        let settings = try Self.settings(window: 10)
        #expect(UploadRetry.nextAttempt(after: 3, failingSince: 0, now: 9_999_999, settings: settings) != nil)
        #expect(UploadRetry.nextAttempt(after: 3, failingSince: 0, now: 10_000_000, settings: settings) == nil)
        // A clock that went backwards, or times from outside, do not trap.
        #expect(UploadRetry.nextAttempt(after: Int.max, failingSince: Int64.max, now: Int64.min, settings: settings) != nil)
    }

    @Test func objectKeysMirrorTheDataDirectory() {
        #expect(ObjectKeys.key(of: "recording.mp4", in: .init(kind: .recording, id: "r1")) == "recordings/r1/recording.mp4")
        #expect(ObjectKeys.key(of: "session.rtpd", in: .init(kind: .recording, id: "r1")) == "dumps/r1/session.rtpd")
        #expect(ObjectKeys.key(of: "render.webm", in: .init(kind: .render, id: "x")) == "renders/x/render.webm")
        #expect(ObjectKeys.dumpPart("r1", number: 12) == "dumps/r1/000012.part")
        #expect(ObjectKeys.dumpPart("r1", number: 1_234_567) == "dumps/r1/1234567.part")
        #expect(ObjectKeys.dumpPart("r1", number: 3, turn: 1) == "dumps/r1/000003.part")
        #expect(ObjectKeys.dumpPart("r1", number: 3, turn: 2) == "dumps/r1/turn-2/000003.part")
    }

    /// The keys a bucket lists under a dump folder (outside input): only `turn-N/NNNNNN.part` with N ≥ 2 is a later turn's part.
    @Test(arguments: [
        ("p/dumps/r1/turn-2/000001.part", 2),
        ("p/dumps/r1/turn-17/000009.part", 17),
        ("p/dumps/r1/000001.part", nil),
        ("p/dumps/r1/turn-1/000001.part", nil),
        ("p/dumps/r1/turn-0/000001.part", nil),
        ("p/dumps/r1/turn--3/000001.part", nil),
        ("p/dumps/r1/turn-2/000001.txt", nil),
        ("p/dumps/r1/turn-2/x/000001.part", nil),
        ("p/dumps/r1/turn-99999999999999999999999/000001.part", nil),
        ("p/dumps/r1/turn-/000001.part", nil),
        ("p/dumps/r2/turn-2/000001.part", nil),
        ("p/dumps/r1/session.rtpd", nil),
    ] as [(String, Int?)])
    func laterTurnsPartsAreKnownByTheirFolder(key: String, turn: Int?) {
        #expect(StoredDumpFetch.turnPart(key, in: "p/dumps/r1/") == turn)
    }
}
