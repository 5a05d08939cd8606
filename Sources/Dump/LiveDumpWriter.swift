import Foundation

/// Appends records to a dump that is being recorded live, without ever
/// blocking the caller on the disk.
///
/// `append` only encodes the record into a memory buffer; a thread of the
/// writer's own swaps that buffer out every `flushInterval`, writes it and
/// fsyncs the file, so the network event loop that receives media never
/// waits for a write. A crash loses at most one flush interval. If the disk
/// fails, the error is kept and the next `append` or `close` throws it;
/// if the disk cannot keep up, at most `maximumPending` bytes wait and the
/// records beyond are counted as dropped.
///
/// `@unchecked Sendable`: every mutable field is guarded by `condition`.
public final class LiveDumpWriter: @unchecked Sendable {
    public struct Statistics: Equatable, Sendable {
        public var recordsWritten = 0
        public var bytesWritten: Int64 = 0
        public var recordsDropped = 0
        public var flushes = 0
    }

    public let path: String
    public let flushIntervalMicros: Int64
    public let maximumPending: Int
    private let synchronizes: Bool
    private let condition = NSCondition()
    private var pending: [UInt8] = []
    private var recordsPending = 0
    private var closing = false
    private var finished = false
    private var failure: DumpError?
    private var counters = Statistics()
    private let descriptor: Int32

    /// Creates (or truncates) the file, writes the header and starts the flushing thread.
    public init(path: String, header: DumpHeader, flushIntervalMicros: Int64 = 1_000_000, maximumPending: Int = 64 << 20,
                synchronizes: Bool = true) throws {
        self.path = path
        self.flushIntervalMicros = flushIntervalMicros
        self.maximumPending = maximumPending
        self.synchronizes = synchronizes
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DumpError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        let headerBytes = DumpEncoder.header(header)
        try DumpFile.writeAll(headerBytes, to: descriptor, path: path)
        counters.bytesWritten = Int64(headerBytes.count)
        let thread = Thread { [self] in flushLoop() }
        thread.name = "dump-writer"
        thread.start()
    }

    deinit { Foundation.close(descriptor) }

    public var statistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return counters
    }

    /// Buffers one record stamped `time` (microseconds since the header's anchor).
    public func append(_ record: DumpRecord, time: Int64) throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        guard !closing else { throw DumpError.io("\(path) is closed") }
        guard pending.count < maximumPending else {
            counters.recordsDropped += 1
            return
        }
        try DumpEncoder.append(record, time: time, to: &pending)
        recordsPending += 1
    }

    /// Writes what is buffered, stops the thread and closes the file.
    public func close() throws {
        condition.lock()
        closing = true
        condition.broadcast()
        while !finished { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }

    private func flushLoop() {
        var batch: [UInt8] = []
        condition.lock()
        while true {
            let deadline = Date(timeIntervalSinceNow: Double(flushIntervalMicros) / 1e6)
            while !closing && condition.wait(until: deadline) {}
            swap(&batch, &pending)
            let records = recordsPending
            recordsPending = 0
            let last = closing
            condition.unlock()
            var error: DumpError?
            do {
                try DumpFile.writeAll(batch, to: descriptor, path: path)
                if synchronizes && fsync(descriptor) != 0 {
                    throw DumpError.io("cannot fsync \(path): \(String(cString: strerror(errno)))")
                }
            } catch let failure as DumpError {
                error = failure
            } catch {}
            condition.lock()
            if let error, failure == nil { failure = error }
            counters.flushes += 1
            if error == nil {
                counters.recordsWritten += records
                counters.bytesWritten += Int64(batch.count)
            }
            batch.removeAll(keepingCapacity: true)
            if last { break }
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
