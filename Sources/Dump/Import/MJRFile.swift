import Foundation

/// One Janus recording (.mjr), parsed from its bytes: the stream's kind and
/// codec from the info header, and its RTP packets with their times.
///
/// The layout (Janus `record.c`, in our words): every block starts with 8
/// bytes and a 16-bit big-endian length.
/// - `MJR00002` / `MJR00001` + length + JSON info (`t` a/v/d, `c` codec,
///   `f` fmtp, `s` created and `u` first-frame wall clock in µs, `x` extmaps).
/// - A frame: `MEET` + 32-bit milliseconds since the first frame (MJR00002
///   only) + length + one RTP packet. Older files write `MEETECHO` instead,
///   with no time.
/// - The oldest, headerless form starts with `MEETECHO` + length 5 +
///   "audio"/"video" and assumes Opus or VP8.
/// Files without per-frame times get their times from RTP timestamps.
public struct MJRFile: Sendable {
    public enum Kind: String, Sendable { case audio, video, data }

    public struct Frame: Sendable {
        /// Milliseconds since the first frame, when the file records them.
        public var milliseconds: UInt32?
        public var packet: [UInt8]
    }

    public var version: Int  // 2, 1, or 0 for the headerless form
    public var kind: Kind
    /// Lower-case, as Janus writes it: vp8, vp9, h264, av1, h265, opus, multiopus, pcmu, pcma, g711, g722, text, binary.
    public var codec: String
    public var formatParameters: String?
    public var createdMicros: Int64?
    public var firstFrameMicros: Int64?
    public var headerExtensions: [UInt8: String] = [:]
    public var frames: [Frame] = []
    /// Bytes after the last whole block (a recording cut short).
    public var truncatedBytes = 0
    /// Blocks too short to be RTP, skipped.
    public var skippedBlocks = 0

    public init(bytes: [UInt8]) throws(MJRError) {
        var offset = 0
        var header: (kind: Kind, codec: String)?
        version = 0
        kind = .video
        codec = "vp8"
        func be16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        while offset < bytes.count {
            guard offset + 10 <= bytes.count else { truncatedBytes = bytes.count - offset; break }
            guard bytes[offset] == UInt8(ascii: "M") else {
                if header == nil { throw .notMJR }
                truncatedBytes = bytes.count - offset
                break  // garbage after the last good frame: stop here, as Janus' own tool does
            }
            let length = be16(offset + 8)
            let body = offset + 10
            guard body + length <= bytes.count else { truncatedBytes = bytes.count - offset; break }
            let tag = bytes[offset + 1]
            if tag == UInt8(ascii: "J") {
                // MJR0000x + JSON info.
                guard header == nil, Array(bytes[offset..<(offset + 7)]) == Array("MJR0000".utf8) else { throw .malformed("a second info header at byte \(offset)") }
                version = bytes[offset + 7] == UInt8(ascii: "2") ? 2 : 1
                try parseInfo(Array(bytes[body..<(body + length)]))
                header = (kind, codec)
            } else if tag == UInt8(ascii: "E") {
                let isOldTag = Array(bytes[(offset + 4)..<(offset + 8)]) == Array("ECHO".utf8)
                if header == nil, length == 5 {
                    // The headerless form: "audio", "video" or "data ".
                    let word = String(decoding: bytes[body..<(body + 5)], as: UTF8.self)
                    switch word.prefix(1) {
                    case "a": (kind, codec) = (.audio, "opus")
                    case "v": (kind, codec) = (.video, "vp8")
                    case "d": (kind, codec) = (.data, "text")
                    default: throw .malformed("unknown media \"\(word)\" in the old header")
                    }
                    header = (kind, codec)
                } else if header == nil {
                    throw .malformed("a frame before any header at byte \(offset)")
                } else if kind != .data && length < 12 {
                    skippedBlocks += 1
                } else {
                    let milliseconds: UInt32? = version == 2 && !isOldTag
                        ? UInt32(bytes[offset + 4]) << 24 | UInt32(bytes[offset + 5]) << 16 | UInt32(bytes[offset + 6]) << 8 | UInt32(bytes[offset + 7])
                        : nil
                    frames.append(Frame(milliseconds: milliseconds, packet: Array(bytes[body..<(body + length)])))
                }
            } else {
                if header == nil { throw .notMJR }
                truncatedBytes = bytes.count - offset
                break
            }
            offset = body + length
        }
        guard header != nil else { throw .notMJR }
    }

    private mutating func parseInfo(_ json: [UInt8]) throws(MJRError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw .malformed("the info header is not a JSON object")
        }
        switch object["t"] as? String {
        case "a": kind = .audio
        case "v": kind = .video
        case "d": kind = .data
        default: throw .malformed("the info header has no media type (t)")
        }
        guard let codec = object["c"] as? String else { throw .malformed("the info header has no codec (c)") }
        self.codec = codec.lowercased()
        formatParameters = object["f"] as? String
        createdMicros = (object["s"] as? NSNumber)?.int64Value
        firstFrameMicros = (object["u"] as? NSNumber)?.int64Value
        if let extensions = object["x"] as? [String: Any] {
            for (key, value) in extensions {
                if let id = UInt8(key), (1...14).contains(id), let uri = value as? String { headerExtensions[id] = uri }
            }
        }
    }
}

public enum MJRError: Error, Equatable, Sendable, CustomStringConvertible {
    case notMJR
    case malformed(String)
    case unsupportedCodec(String)

    public var description: String {
        switch self {
        case .notMJR: "not a Janus recording (.mjr): no MJR or MEETECHO header"
        case let .malformed(reason): "malformed .mjr: \(reason)"
        case let .unsupportedCodec(codec): "codec \(codec) cannot be rendered (tessera renders VP8, VP9, H.264, Opus, PCMU, PCMA)"
        }
    }
}
