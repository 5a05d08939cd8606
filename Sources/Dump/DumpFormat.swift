/// The constants of the .rtpd format. docs/rtp-dump.md describes it byte by byte.
public enum DumpFormat {
    /// "tsrd" then CR LF SUB LF, which catches text-mode mangling of the file.
    public static let magic: [UInt8] = [0x74, 0x73, 0x72, 0x64, 0x0d, 0x0a, 0x1a, 0x0a]
    public static let majorVersion: UInt16 = 1
    public static let minorVersion: UInt16 = 0
    public static let headerLength = 32
    /// First byte of every record, where a reader resynchronises after damage.
    public static let recordSync: UInt8 = 0xa7
    /// Sync, type, track (2), length (4), time (8).
    public static let recordHeaderLength = 16
    public static let recordTrailerLength = 4
    /// No record payload is larger: RTP packets are under 64 KiB and metadata is small.
    public static let maximumPayloadLength = 1 << 20

    public enum RecordType: UInt8, Sendable {
        case session = 1
        case track = 2
        case rtp = 3
        case rtcp = 4
        case event = 5
    }

    /// Types a reader accepts as plausible while resynchronising; types it
    /// does not know are skipped whole, so minor versions can add some.
    static let plausibleTypes: ClosedRange<UInt8> = 1...63
}

/// The file header: format version and the wall-clock anchor of the dump's
/// monotonic time axis.
public struct DumpHeader: Equatable, Sendable {
    public var majorVersion: UInt16
    public var minorVersion: UInt16
    /// Microseconds since the Unix epoch at record time 0.
    public var anchorWallClockMicros: Int64

    public init(anchorWallClockMicros: Int64, majorVersion: UInt16 = DumpFormat.majorVersion,
                minorVersion: UInt16 = DumpFormat.minorVersion) {
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.anchorWallClockMicros = anchorWallClockMicros
    }
}

/// Why a dump could not be read at all (as opposed to damage that is skipped).
public enum DumpError: Error, Equatable, Sendable, CustomStringConvertible {
    case notADump
    case unsupportedVersion(major: UInt16, minor: UInt16)
    case corruptHeader
    case truncatedHeader(Int)
    case io(String)
    case badMetadata(String)

    public var description: String {
        switch self {
        case .notADump: return "not an RTP dump (bad magic bytes)"
        case let .unsupportedVersion(major, minor): return "RTP dump version \(major).\(minor) is newer than this reader (1.x)"
        case .corruptHeader: return "RTP dump header checksum mismatch"
        case let .truncatedHeader(n): return "RTP dump header truncated: \(n) of 32 bytes"
        case let .io(message): return message
        case let .badMetadata(message): return "bad metadata record: \(message)"
        }
    }
}
