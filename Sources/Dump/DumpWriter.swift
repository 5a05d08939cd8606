import Foundation

/// Appends records to a dump file, durably.
///
/// Records are buffered and written out, then fsync'ed, whenever
/// `flushInterval` has passed since the last flush (by the times passed in, so
/// tests control the clock) or the buffer grows past `bufferLimit`. A crash
/// loses at most one flush interval. Used by one task at a time.
public final class DumpWriter {
    public let path: String
    public let flushIntervalMicros: Int64
    public let bufferLimit: Int
    public let synchronizes: Bool
    public private(set) var bytesWritten: Int64 = 0
    public private(set) var recordsWritten = 0
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var lastFlush: Int64?

    /// Creates (or truncates) the file and writes the header.
    public init(
        path: String, header: DumpHeader, flushIntervalMicros: Int64 = 1_000_000, bufferLimit: Int = 1 << 20,
        synchronizes: Bool = true
    ) throws {
        self.path = path
        self.flushIntervalMicros = flushIntervalMicros
        self.bufferLimit = bufferLimit
        self.synchronizes = synchronizes
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DumpError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer = DumpEncoder.header(header)
        buffer.reserveCapacity(bufferLimit + 65536)
        try flush()
    }

    deinit {
        if descriptor >= 0 {
            try? flush()
            Foundation.close(descriptor)
        }
    }

    /// Buffers one record stamped `time`; `now` (same clock) drives flushing.
    public func write(_ record: DumpRecord, time: Int64, now: Int64? = nil) throws {
        try DumpEncoder.append(record, time: time, to: &buffer)
        recordsWritten += 1
        try flushIfDue(now: now ?? time)
    }

    /// Writes out the buffer when the interval has passed or it is too large.
    public func flushIfDue(now: Int64) throws {
        if lastFlush == nil { lastFlush = now }
        if buffer.count >= bufferLimit || now - lastFlush! >= flushIntervalMicros {
            try flush()
            lastFlush = now
        }
    }

    /// Writes the buffer out and (unless disabled) fsyncs the file.
    public func flush() throws {
        guard descriptor >= 0 else { throw DumpError.io("\(path) is closed") }
        try DumpFile.writeAll(buffer, to: descriptor, path: path)
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        if synchronizes && fsync(descriptor) != 0 {
            throw DumpError.io("cannot fsync \(path): \(String(cString: strerror(errno)))")
        }
    }

    public func close() throws {
        try flush()
        Foundation.close(descriptor)
        descriptor = -1
    }
}
