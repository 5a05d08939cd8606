import Foundation
import Testing

/// Where scripts/make-fixtures.sh put the media fixtures (ffmpeg-made captures).
/// A missing fixture fails the test: `make test` always makes them first.
enum Fixtures {
    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["TESSERA_FIXTURES"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".fixtures")
    }

    static func path(_ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing fixture \(url.path): run scripts/make-fixtures.sh (make test does)")
            throw CocoaError(.fileNoSuchFile)
        }
        return url.path
    }

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }
}
