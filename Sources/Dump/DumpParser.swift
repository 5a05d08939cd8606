import Foundation

/// Reads the bytes of a dump as they come, sans-I/O: `append` bytes, take
/// items from `next()`, call `finish()` at the end of the input.
///
/// Damage never stops it: a record whose sync byte, length or CRC is wrong
/// starts a scan for the next record that checks out, and the bytes in
/// between are reported as a skipped span. A record cut off by the end of the
/// input waits for more bytes (a dump being written); `finish()` reports it as
/// a torn tail.
public struct DumpParser: Sendable {
    public enum Item: Sendable {
        case header(DumpHeader)
        case record(TimedDumpRecord)
        case skipped(SkippedSpan)
    }

    private var buffer: [UInt8] = []
    private var position = 0  // index in buffer of the next unread byte
    private var bufferOffset: Int64 = 0  // file offset of buffer[0]
    private var header: DumpHeader?
    private var scanningFrom: Int64?  // file offset where damage began
    private var finished = false
    public private(set) var recordsRead = 0
    public private(set) var bytesSkipped: Int64 = 0
    public private(set) var failure: DumpError?

    public init() {}

    /// The file offset up to which everything has been consumed.
    public var consumedOffset: Int64 { bufferOffset + Int64(position) }

    public mutating func append(_ bytes: [UInt8]) {
        if position > 0 && position >= buffer.count / 2 {
            bufferOffset += Int64(position)
            buffer = Array(buffer[position...])
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Marks the end of the input: what remains can only be a torn tail.
    public mutating func finish() { finished = true }

    /// The next item, or nil when more bytes are needed (or, after `finish`,
    /// when everything has been read). A file that is not a dump throws.
    public mutating func next() throws(DumpError) -> Item? {
        if let record = pendingRecord {
            pendingRecord = nil
            return .record(record)
        }
        if let failure { throw failure }
        if header == nil {
            guard buffer.count - position >= DumpFormat.headerLength else {
                if finished {
                    if buffer.count - position >= 8 && Array(buffer[position..<position + 8]) != DumpFormat.magic {
                        throw fail(.notADump)
                    }
                    throw fail(.truncatedHeader(buffer.count - position))
                }
                return nil
            }
            let parsed = try parseHeader()
            header = parsed
            return .header(parsed)
        }
        while true {
            let available = buffer.count - position
            if available == 0 { return endOfInput() }
            switch checkRecord(at: position) {
            case let .valid(length):
                let record = decodeRecord(at: position, length: length)
                let start = consumedOffset
                position += length
                recordsRead += 1
                if let from = scanningFrom {
                    scanningFrom = nil
                    pendingRecord = record
                    let span = SkippedSpan(offset: from, length: start - from, atEnd: false)
                    bytesSkipped += span.length
                    return .skipped(span)
                }
                return .record(record)
            case .needMore:
                if finished {
                    // An incomplete record at the very end: skip a byte and keep looking,
                    // in case a whole record follows a damaged one.
                    if scanningFrom == nil { scanningFrom = consumedOffset }
                    position += 1
                    continue
                }
                return nil
            case .invalid:
                if scanningFrom == nil { scanningFrom = consumedOffset }
                position += 1
                // Jump straight to the next possible sync byte.
                if let next = buffer[position...].firstIndex(of: DumpFormat.recordSync) {
                    position = next
                } else {
                    position = buffer.count
                }
            }
        }
    }

    /// After a skipped span is returned, the record that ended it comes next.
    private var pendingRecord: TimedDumpRecord?

    private mutating func endOfInput() -> Item? {
        guard finished, let from = scanningFrom else { return nil }
        scanningFrom = nil
        let span = SkippedSpan(offset: from, length: consumedOffset - from, atEnd: true)
        bytesSkipped += span.length
        return .skipped(span)
    }

    private mutating func fail(_ error: DumpError) -> DumpError {
        failure = error
        return error
    }

    private mutating func parseHeader() throws(DumpError) -> DumpHeader {
        let bytes = buffer[position..<position + DumpFormat.headerLength]
        guard Array(bytes.prefix(8)) == DumpFormat.magic else { throw fail(.notADump) }
        let major = bytes.littleEndian(UInt16.self, at: 8)
        let minor = bytes.littleEndian(UInt16.self, at: 10)
        guard major == DumpFormat.majorVersion else { throw fail(.unsupportedVersion(major: major, minor: minor)) }
        guard CRC32C.checksum(bytes.prefix(28)) == bytes.littleEndian(UInt32.self, at: 28) else { throw fail(.corruptHeader) }
        let headerLength = Int(bytes.littleEndian(UInt32.self, at: 12))
        guard headerLength == DumpFormat.headerLength else { throw fail(.corruptHeader) }
        position += headerLength
        return DumpHeader(
            anchorWallClockMicros: Int64(bitPattern: bytes.littleEndian(UInt64.self, at: 16)),
            majorVersion: major, minorVersion: minor)
    }

    private enum Check { case valid(Int), needMore, invalid }

    private func checkRecord(at index: Int) -> Check {
        let available = buffer.count - index
        guard available >= 1 else { return .needMore }
        guard buffer[index] == DumpFormat.recordSync else { return .invalid }
        guard available >= DumpFormat.recordHeaderLength else {
            if available >= 2 && !DumpFormat.plausibleTypes.contains(buffer[index + 1]) { return .invalid }
            return .needMore
        }
        let head = buffer[index..<index + DumpFormat.recordHeaderLength]
        guard DumpFormat.plausibleTypes.contains(head.littleEndian(UInt8.self, at: 1)) else { return .invalid }
        let payloadLength = Int(head.littleEndian(UInt32.self, at: 4))
        guard payloadLength <= DumpFormat.maximumPayloadLength else { return .invalid }
        let total = DumpFormat.recordHeaderLength + payloadLength + DumpFormat.recordTrailerLength
        guard available >= total else { return .needMore }
        let body = buffer[index..<index + total - DumpFormat.recordTrailerLength]
        let stored = buffer[index..<index + total].littleEndian(UInt32.self, at: total - 4)
        return CRC32C.checksum(body) == stored ? .valid(total) : .invalid
    }

    private func decodeRecord(at index: Int, length: Int) -> TimedDumpRecord {
        let head = buffer[index..<index + DumpFormat.recordHeaderLength]
        let type = head.littleEndian(UInt8.self, at: 1)
        let track = head.littleEndian(UInt16.self, at: 2)
        let time = Int64(bitPattern: head.littleEndian(UInt64.self, at: 8))
        let payload = buffer[(index + DumpFormat.recordHeaderLength)..<(index + length - DumpFormat.recordTrailerLength)]
        let offset = bufferOffset + Int64(index)
        let record: DumpRecord
        switch DumpFormat.RecordType(rawValue: type) {
        case .rtp: record = .rtp(track: track, bytes: payload)
        case .rtcp: record = .rtcp(track: track, bytes: payload)
        case .session: record = Self.decodeJSON(DumpSession.self, payload).map(DumpRecord.session) ?? .unknown(type: type)
        case .track: record = Self.decodeJSON(DumpTrack.self, payload).map(DumpRecord.track) ?? .unknown(type: type)
        case .event: record = Self.decodeJSON(DumpEvent.self, payload).map(DumpRecord.event) ?? .unknown(type: type)
        case nil: record = .unknown(type: type)
        }
        return TimedDumpRecord(time: time, record: record, offset: offset)
    }

    /// Metadata that passed its CRC but does not decode is kept as `.unknown`:
    /// it was written by something else, and the rest of the dump still reads.
    private static func decodeJSON<T: Decodable>(_ type: T.Type, _ bytes: ArraySlice<UInt8>) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }
}
