import Foundation
import Logging
import ObjectStorage

/// Ships a running recording's dump to the bucket as it grows: every
/// interval, the bytes written since the last part become the next
/// numbered part (`dumps/ID/000001.part`, …; a turn recorded after a
/// takeover under `dumps/ID/turn-N/`). The parts concatenate to the
/// dump's prefix, which the dump format reads as a dump with (at most) a
/// torn tail, so what reached the bucket survives the machine: a crash
/// loses at most one interval. A part that fails is sent again, whole, at
/// the next tick; nothing is skipped.
actor DumpShipper {
    private let client: S3Client
    private let bucket: String
    private let location: S3Location
    private let recordingID: String
    /// Which turn of the recording this node records (1 unless it took the recording over).
    private let turn: Int
    private let path: String
    private let ledger: JobLedger
    private let metrics: ServiceMetrics
    private let logger: Logger
    private var shippedBytes: Int64 = 0
    private var parts = 0
    private var loop: Task<Void, Never>?

    /// One part holds at most this much (a long stall's backlog goes up in several).
    static let maximumPartBytes = 64 << 20

    init(client: S3Client, location: S3Location, recordingID: String, turn: Int = 1, path: String, ledger: JobLedger, metrics: ServiceMetrics,
         logger: Logger) {
        self.client = client
        self.turn = turn
        bucket = location.bucket
        self.location = location
        self.recordingID = recordingID
        self.path = path
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
    }

    func start(intervalSeconds: Double) {
        let nanoseconds = UInt64(max(0.2, intervalSeconds) * 1_000_000_000)
        loop = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: nanoseconds)
                guard !Task.isCancelled, let self else { return }
                await self.ship()
            }
        }
    }

    /// Stops shipping; the whole dump goes up once as `session.rtpd` with the job's files.
    func stop() {
        loop?.cancel()
        loop = nil
    }

    /// Sends what the dump gained since the last part.
    func ship() async {
        let size = Int64(((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0)
        while size > shippedBytes, !Task.isCancelled {
            let count = Int(min(Int64(Self.maximumPartBytes), size - shippedBytes))
            let key = location.key(ObjectKeys.dumpPart(recordingID, number: parts + 1, turn: turn))
            do {
                let body = try ObjectUploader.read(path, offset: shippedBytes, count: count)
                _ = try await client.putObject(bucket: bucket, key: key, body: body, contentType: "application/octet-stream")
            } catch {
                await record(error: "\(error)")
                logger.warning("shipping a dump part failed; it is sent again at the next interval",
                               metadata: ["job": .string(recordingID), "part": .stringConvertible(parts + 1), "error": .string("\(error)")])
                return
            }
            parts += 1
            shippedBytes += Int64(count)
            metrics.dumpPartsShipped.increment()
            await record(error: nil)
        }
    }

    private func record(error: String?) async {
        let shipping = JobResult.DumpShipping(location: "s3://\(bucket)/\(location.key(ObjectKeys.turnFolder(recordingID, turn: turn)))",
                                              parts: parts, bytes: shippedBytes, error: error)
        await ledger.changeResult(recordingID) { $0.dumpShipping = shipping }
    }
}
