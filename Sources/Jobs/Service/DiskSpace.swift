import Foundation

/// Free bytes on the file system holding `path` (for an unprivileged
/// process: `f_bavail`), or nil if it cannot be asked.
public enum DiskSpace {
    public static func available(at path: String) -> Int64? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}
