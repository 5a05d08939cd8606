import Foundation

/// The one place dump bytes meet a file descriptor.
enum DumpFile {
    /// Writes all of `bytes`, retrying short writes and EINTR.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw DumpError.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
