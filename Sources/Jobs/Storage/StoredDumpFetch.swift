import Foundation
import ObjectStorage

/// A recording's dump read back from the bucket: its whole `session.rtpd`
/// when the recording ended and uploaded it, else its live parts fetched in
/// order and joined (which reads as the dump up to the last part: the case
/// of a recording whose machine died).
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
        let partial = path + ".joining"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let output = FileHandle(forWritingAtPath: partial) else {
            throw S3Error.localFile("cannot write \(partial)")
        }
        defer { try? output.close() }
        var total: Int64 = 0
        for (index, part) in parts.enumerated() {
            let piece = path + ".piece"
            _ = try await client.download(bucket: bucket, key: part.key, to: piece)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: piece))
            try output.write(contentsOf: bytes)
            try? FileManager.default.removeItem(atPath: piece)
            total += Int64(bytes.count)
            progress("fetched part \(index + 1) of \(parts.count): \(total) bytes")
        }
        try output.close()
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return Fetched(bytes: total, parts: parts.count)
    }
}
