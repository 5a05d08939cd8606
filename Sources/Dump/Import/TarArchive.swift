/// The regular files of a tar archive (POSIX ustar and the GNU/old forms),
/// so a folder of recordings made elsewhere — Janus writes one .mjr per
/// stream — can be uploaded as one body. Only what importing needs: names
/// (with the ustar prefix and GNU long names) and contents; links, devices
/// and directories are passed over.
///
/// Layout (POSIX.1-1988 ustar): 512-byte header blocks, name at 0..<100,
/// size as octal ASCII at 124..<136, type flag at 156, "ustar" at 257,
/// prefix at 345..<500; the contents follow, padded to 512; two zero
/// blocks end the archive.
public struct TarArchive: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var bytes: [UInt8]
    }

    public private(set) var entries: [Entry] = []

    /// Whether `head` (at least 262 bytes) starts like a ustar or GNU tar archive.
    public static func looksLikeTar(_ head: [UInt8]) -> Bool {
        head.count >= 262 && Array(head[257..<262]) == Array("ustar".utf8)
    }

    public init(bytes: [UInt8], maximumEntries: Int = 10_000) throws(TarError) {
        var offset = 0
        var longName: String?
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { return }
            guard Self.checksumMatches(header) else { throw .malformed("bad header checksum at byte \(offset)") }
            guard let size = Self.octal(header[(offset + 124)..<(offset + 136)]), size >= 0 else {
                throw .malformed("bad size field at byte \(offset + 124)")
            }
            let start = offset + 512
            guard size <= bytes.count - start else { throw .malformed("entry at byte \(offset) says \(size) bytes; the archive ends first") }
            let contents = Array(bytes[start..<start + size])
            let type = header[offset + 156]
            switch type {
            case UInt8(ascii: "L"):  // GNU long name for the next entry
                longName = String(decoding: contents.prefix { $0 != 0 }, as: UTF8.self)
            case UInt8(ascii: "x"):  // POSIX.1-2001 (pax) extended header for the next entry
                longName = Self.paxPath(contents) ?? longName
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                guard entries.count < maximumEntries else { throw .malformed("more than \(maximumEntries) files") }
                entries.append(Entry(name: longName ?? Self.name(header, at: offset), bytes: contents))
                longName = nil
            default:
                longName = nil
            }
            offset = start + (size + 511) / 512 * 512
        }
        guard offset >= bytes.count else { throw .malformed("the archive ends inside a header at byte \(offset)") }
    }

    /// A pax extended header's `path` record: lines of "LENGTH key=value\n".
    public static func paxPath(_ records: [UInt8]) -> String? {
        var rest = records[...]
        while let space = rest.firstIndex(of: 0x20) {
            guard let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)), length > 0,
                  length <= rest.count, space + 1 <= rest.startIndex + length else { return nil }
            let record = rest[(space + 1)..<(rest.startIndex + length)]
            let text = String(decoding: record.last == 0x0a ? record.dropLast() : record, as: UTF8.self)
            if text.hasPrefix("path=") { return String(text.dropFirst(5)) }
            rest = rest[(rest.startIndex + length)...]
        }
        return nil
    }

    static func name(_ header: ArraySlice<UInt8>, at offset: Int) -> String {
        func text(_ range: Range<Int>) -> String {
            String(decoding: header[(offset + range.lowerBound)..<(offset + range.upperBound)].prefix { $0 != 0 }, as: UTF8.self)
        }
        let name = text(0..<100)
        let prefix = Array(header[(offset + 257)..<(offset + 262)]) == Array("ustar".utf8) ? text(345..<500) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// Octal digits, space or NUL padded; GNU's base-256 form for large sizes.
    static func octal(_ field: ArraySlice<UInt8>) -> Int? {
        if let first = field.first, first & 0x80 != 0 {
            var value = 0
            for byte in field.dropFirst().suffix(7) { value = value << 8 | Int(byte) }
            return value
        }
        var value = 0, digits = 0
        for byte in field {
            if byte == 0 || byte == 0x20 { if digits > 0 { break } else { continue } }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte), digits < 20 else { return nil }
            value = value * 8 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return value
    }

    /// The checksum is the byte sum of the header with its own field as spaces.
    static func checksumMatches(_ header: ArraySlice<UInt8>) -> Bool {
        let base = header.startIndex
        guard let stored = octal(header[(base + 148)..<(base + 156)]) else { return false }
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 0x20 : Int(byte) }
        return sum == stored
    }
}

public enum TarError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case let .malformed(reason): "malformed tar archive: \(reason)"
        }
    }
}
