import Foundation

/// Where a job's finished files are kept and read back from. Jobs write
/// into a local working folder; the store lists, serves and removes what
/// they made. The local directory is the default; object storage is another
/// implementation of the same protocol.
public protocol FileStore: Sendable {
    /// The local folder a job writes its files into while it runs.
    func workingDirectory(of job: JobFiles.Key) -> String
    /// The finished files of a job (partial files left out), by name.
    func files(of job: JobFiles.Key) -> [JobResult.File]
    /// Where one finished file is read from.
    func path(of name: String, in job: JobFiles.Key) -> String
    /// Removes every file of a job.
    func removeAll(of job: JobFiles.Key)
}

/// Files under the data directory: `recordings/ID/…` and `renders/ID/…`.
public struct LocalFileStore: FileStore {
    public let dataDirectory: String

    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    public func workingDirectory(of job: JobFiles.Key) -> String { dataDirectory + "/" + job.folder }

    public func files(of job: JobFiles.Key) -> [JobResult.File] {
        let directory = workingDirectory(of: job)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasSuffix(".partial") && !$0.hasSuffix(".tmp") }.sorted()
        return names.compactMap { name in
            guard let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[.size] as? Int else { return nil }
            return JobResult.File(name: name, size: Int64(size), contentType: JobFiles.contentType(name))
        }
    }

    public func path(of name: String, in job: JobFiles.Key) -> String { workingDirectory(of: job) + "/" + name }

    public func removeAll(of job: JobFiles.Key) { try? FileManager.default.removeItem(atPath: workingDirectory(of: job)) }
}

/// The names of a job's files, the same wherever they are kept.
public enum JobFiles {
    /// A job's place among the files.
    public struct Key: Equatable, Sendable {
        public let kind: JobKind
        public let id: String
        public init(kind: JobKind, id: String) {
            self.kind = kind
            self.id = id
        }

        /// `recordings/ID` or `renders/ID`, relative to the data directory.
        public var folder: String { (kind == .recording ? "recordings/" : "renders/") + id }
    }

    /// A recording's RTP dump, relative to the data directory (as job results name it).
    static func dump(ofRecording id: String) -> String { Key(kind: .recording, id: id).folder + "/" + dumpName }

    static let dumpName = "session.rtpd"
    static let posterName = "poster.jpg"

    /// What a job's outputs are named after: `recording` or `render`
    /// (`recording.mp4`, `recording.m3u8`, `recording-00000.m4s`, `recording-thumb-00010.jpg`).
    static func filePrefix(_ kind: JobKind) -> String { kind == .recording ? "recording" : "render" }

    /// `recording.mp4`, `render.webm`, …
    static func outputName(_ kind: JobKind, fileExtension: String) -> String { filePrefix(kind) + "." + fileExtension }

    /// `recording.m3u8`, `render.m3u8`: the HLS playlist beside the file.
    /// What the files of a tracks output start with.
    static let trackPrefix = "track-"

    static func hlsPlaylistName(_ kind: JobKind) -> String { outputName(kind, fileExtension: "m3u8") }

    /// Whether `name` is one of a job's HLS files (the playlist, its init segment, a segment), served while the job runs.
    static func isHLSFile(_ name: String, kind: JobKind) -> Bool {
        let prefix = filePrefix(kind)
        if name == hlsPlaylistName(kind) || name == prefix + "-init.mp4" { return true }
        guard name.hasPrefix(prefix + "-"), name.hasSuffix(".m4s") else { return false }
        let number = name.dropFirst(prefix.count + 1).dropLast(4)
        return (5...9).contains(number.count) && number.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func contentType(_ name: String) -> String {
        if name.hasSuffix(".m3u8") { return "application/vnd.apple.mpegurl" }
        if name.hasSuffix(".m4s") { return "video/iso.segment" }
        if name.hasSuffix(".mp4") { return "video/mp4" }
        if name.hasSuffix(".webm") { return "video/webm" }
        if name.hasSuffix(".jpg") { return "image/jpeg" }
        return "application/octet-stream"
    }
}
