import Dump
import Foundation
import ObjectStorage

/// A recording's dump read back from the bucket: its whole `session.rtpd`
/// when the recording ended and uploaded it, else its live parts fetched in
/// order and joined (which reads as the dump up to the last part: the case
/// of a recording whose machine died). The turns of a recording taken over
/// by other nodes (`turn-N/` parts) are joined after the first.
public enum StoredDumpFetch {
    public struct Fetched: Sendable {
        public var bytes: Int64
        /// 0 when the whole dump was there.
        public var parts: Int
    }

    /// Fetches the dump under `folder` (`PREFIX/dumps/ID/`) into `path`. `progress` hears each piece.
    public static func fetch(client: S3Client, bucket: String, folder: String, to path: String,
                             progress: (String) -> Void = { _ in }) async throws -> Fetched {
        let folder = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        let objects = try await client.listObjects(bucket: bucket, prefix: folder)
        if let whole = objects.first(where: { $0.key == folder + JobFiles.dumpName }) {
            let bytes = try await client.download(bucket: bucket, key: whole.key, to: path)
            progress("fetched s3://\(bucket)/\(whole.key) (\(bytes) bytes)")
            return Fetched(bytes: bytes, parts: 0)
        }
        let parts = objects.filter { $0.key.hasSuffix(".part") && !$0.key.dropFirst(folder.count).contains("/") }.sorted { $0.key < $1.key }
        guard !parts.isEmpty else { throw S3Error.localFile("s3://\(bucket)/\(folder) holds neither \(JobFiles.dumpName) nor dump parts (NNNNNN.part)") }
        var total = try await join(parts.map(\.key), client: client, bucket: bucket, to: path) { progress("fetched part \($0) of \(parts.count): \($1) bytes") }
        // Turns recorded after takeovers: each its own dump, joined after the first with the time between them a gap.
        let turns = Dictionary(grouping: objects.compactMap { object in turnPart(object.key, in: folder).map { (turn: $0, key: object.key) } }, by: \.turn)
        guard !turns.isEmpty else { return Fetched(bytes: total, parts: parts.count) }
        var segments = [path + ".turn-1"]
        try FileManager.default.moveItem(atPath: path, toPath: segments[0])
        defer { for segment in segments { try? FileManager.default.removeItem(atPath: segment) } }
        for turn in turns.keys.sorted() {
            let keys = (turns[turn] ?? []).map(\.key).sorted()
            segments.append(path + ".turn-\(turn)")
            total += try await join(keys, client: client, bucket: bucket, to: segments[segments.count - 1]) { _, _ in }
            progress("fetched turn \(turn): \(keys.count) parts")
        }
        let joined = try DumpSegments.join(segments, into: path)
        progress("joined \(joined.segments) turns")
        return Fetched(bytes: total, parts: parts.count + turns.values.reduce(0) { $0 + $1.count })
    }

    /// The turn of a key `FOLDER/turn-N/NNNNNN.part` (N ≥ 2), nil for any other.
    static func turnPart(_ key: String, in folder: String) -> Int? {
        guard key.hasPrefix(folder), key.hasSuffix(".part") else { return nil }
        let rest = key.dropFirst(folder.count).split(separator: "/", omittingEmptySubsequences: false)
        guard rest.count == 2, rest[0].hasPrefix("turn-"), let turn = Int(rest[0].dropFirst("turn-".count)), turn >= 2, turn < 100_000 else { return nil }
        return turn
    }

    /// Downloads `keys` in order and concatenates them into `path`; returns the bytes written.
    private static func join(_ keys: [String], client: S3Client, bucket: String, to path: String,
                             progress: (Int, Int64) -> Void) async throws -> Int64 {
        let partial = path + ".joining"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let output = FileHandle(forWritingAtPath: partial) else {
            throw S3Error.localFile("cannot write \(partial)")
        }
        defer { try? output.close() }
        var total: Int64 = 0
        for (index, key) in keys.enumerated() {
            let piece = path + ".piece"
            _ = try await client.download(bucket: bucket, key: key, to: piece)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: piece))
            try output.write(contentsOf: bytes)
            try? FileManager.default.removeItem(atPath: piece)
            total += Int64(bytes.count)
            progress(index + 1, total)
        }
        try output.close()
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return total
    }
}
