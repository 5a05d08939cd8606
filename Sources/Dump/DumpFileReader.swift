import Foundation

/// Reads a dump file in chunks through `DumpParser`, so memory stays bounded
/// however long the recording. With `follow`, the end of the file is not the
/// end of the dump: `next()` returns nil when it has caught up with the
/// writer, and can be called again later (this is how a live render tails
/// the dump being recorded). Used by one task at a time.
public final class DumpFileReader {
    public let path: String
    public let follow: Bool
    public private(set) var header: DumpHeader?
    private var parser = DumpParser()
    private var descriptor: Int32
    private let chunkSize: Int
    private var atEOF = false

    public init(path: String, follow: Bool = false, chunkSize: Int = 4 << 20) throws {
        self.path = path
        self.follow = follow
        self.chunkSize = chunkSize
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DumpError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    public var bytesSkipped: Int64 { parser.bytesSkipped }
    public var offset: Int64 { parser.consumedOffset }

    /// The next item. Without `follow`, nil means the whole file was read.
    public func next() throws -> DumpParser.Item? {
        while true {
            if let item = try parser.next() {
                if case let .header(h) = item { header = h }
                return item
            }
            if atEOF && !follow { return nil }
            let count = try readChunk()
            if count == 0 {
                if follow { return nil }
                atEOF = true
                parser.finish()
            }
        }
    }

    /// Ends following: the writer is done, so a partial record at the end is a torn tail.
    public func stopFollowing() -> [DumpParser.Item] {
        var items: [DumpParser.Item] = []
        while let chunk = try? readChunk(), chunk > 0 {}
        parser.finish()
        atEOF = true
        while let item = try? parser.next() { items.append(item) }
        return items
    }

    private func readChunk() throws -> Int {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let count = chunk.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress!, chunkSize) }
        guard count >= 0 else { throw DumpError.io("cannot read \(path): \(String(cString: strerror(errno)))") }
        if count > 0 {
            chunk.removeLast(chunkSize - count)
            parser.append(chunk)
        }
        return count
    }
}
