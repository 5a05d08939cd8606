import Foundation

/// Turns headers and records into their bytes (docs/rtp-dump.md). Pure: the
/// writer decides when bytes reach the disk.
public enum DumpEncoder {
    public static func header(_ header: DumpHeader) -> [UInt8] {
        var out = DumpFormat.magic
        out.appendLittleEndian(header.majorVersion)
        out.appendLittleEndian(header.minorVersion)
        out.appendLittleEndian(UInt32(DumpFormat.headerLength))
        out.appendLittleEndian(UInt64(bitPattern: header.anchorWallClockMicros))
        out.appendLittleEndian(UInt32(0))
        out.appendLittleEndian(CRC32C.checksum(out))
        return out
    }

    /// Appends one record to `out`. A payload over the format's limit (a
    /// track record built from a crafted SDP, say) is refused with an error:
    /// what goes into a record may come from outside.
    public static func append(
        type: DumpFormat.RecordType, track: UInt16, time: Int64, payload: ArraySlice<UInt8>, to out: inout [UInt8]
    ) throws(DumpError) {
        guard payload.count <= DumpFormat.maximumPayloadLength else {
            throw .badMetadata("a record of \(payload.count) bytes exceeds the dump's limit of \(DumpFormat.maximumPayloadLength)")
        }
        let start = out.count
        out.append(DumpFormat.recordSync)
        out.append(type.rawValue)
        out.appendLittleEndian(track)
        out.appendLittleEndian(UInt32(payload.count))
        out.appendLittleEndian(UInt64(bitPattern: time))
        out.append(contentsOf: payload)
        out.appendLittleEndian(CRC32C.checksum(out[start...]))
    }

    public static func append(_ record: DumpRecord, time: Int64, to out: inout [UInt8]) throws {
        switch record {
        case let .session(session):
            try append(type: .session, track: 0, time: time, payload: try json(session), to: &out)
        case let .track(track):
            try append(type: .track, track: track.id, time: time, payload: try json(track), to: &out)
        case let .rtp(track, bytes):
            try append(type: .rtp, track: track, time: time, payload: bytes, to: &out)
        case let .rtcp(track, bytes):
            try append(type: .rtcp, track: track, time: time, payload: bytes, to: &out)
        case let .event(event):
            try append(type: .event, track: event.trackID ?? 0, time: time, payload: try json(event), to: &out)
        case .unknown:
            throw DumpError.badMetadata("cannot write a record of unknown type")
        }
    }

    private static func json<T: Encodable>(_ value: T) throws -> ArraySlice<UInt8> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))[...]
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }
}

extension ArraySlice where Element == UInt8 {
    func littleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        var value: T = 0
        let base = startIndex + offset
        for i in 0..<MemoryLayout<T>.size { value |= T(self[base + i]) << (8 * i) }
        return value
    }
}
