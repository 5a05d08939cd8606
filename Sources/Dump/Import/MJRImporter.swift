import Foundation
import RTP

/// What an .mjr import found.
public struct MJRImportSummary: Codable, Equatable, Sendable {
    public var participants: [String] = []
    public var tracks = 0
    public var rtpPackets = 0
    /// Packets that did not parse as RTP, skipped.
    public var malformedPackets = 0
    public var skippedBlocks = 0
    public var truncatedBytes = 0
    public var durationSeconds = 0.0
    /// Files left out, with the reason (data channels, codecs tessera cannot render).
    public var skippedFiles: [String: String] = [:]
    public init() {}
}

/// Turns the .mjr files Janus wrote into one RTP dump. Each file is one
/// stream; files named alike but for a trailing `-audio`/`-video` (Janus
/// names a VideoRoom publisher's files so) are one participant. Times come
/// from the files' wall clocks (`u` + per-frame milliseconds in MJR00002),
/// so participants recorded at different moments keep their places; files
/// without them are timed by RTP timestamps from their creation time.
public struct MJRImporter {
    public struct Input: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    public init() {}

    /// "videoroom-1234-user-42-1700000000-audio.mjr" → "videoroom-1234-user-42-1700000000".
    /// Janus 1.x names each stream of a multistream publisher with its own
    /// microsecond timestamp ("…-user-42-1795360791046971-audio-0.mjr",
    /// "…-user-42-1795360791047036-video-1.mjr"): a trailing run of 13 or
    /// more digits is dropped, so those pair too.
    public static func participantName(forFile name: String) -> String {
        let stem = streamName(forFile: name)
        if let dash = stem.lastIndex(of: "-"), stem[stem.index(after: dash)...].count >= 13,
           stem[stem.index(after: dash)...].allSatisfy(\.isNumber) {
            return String(stem[..<dash])
        }
        return stem
    }

    static func streamName(forFile name: String) -> String {
        var stem = (name as NSString).lastPathComponent
        if stem.lowercased().hasSuffix(".mjr") { stem = String(stem.dropLast(4)) }
        let lower = stem.lowercased()
        for kind in ["audio", "video", "data"] {
            for separator in ["-", "_", "."] {
                if let range = lower.range(of: separator + kind, options: .backwards) {
                    let rest = lower[range.upperBound...]
                    // "-video", or "-video-0" for a multistream publisher's first video
                    if rest.isEmpty || (rest.first == "-" && rest.dropFirst().allSatisfy(\.isNumber) && rest.count > 1) {
                        return String(stem[..<stem.index(stem.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.lowerBound))])
                    }
                }
            }
        }
        return stem
    }

    struct Stream {
        var file: String
        var participant: String
        var track: DumpTrack
        var packets: [(time: Int64, bytes: [UInt8])]
    }

    public func run(files: [Input], outputPath: String, sessionID: String, room: String? = nil) throws -> MJRImportSummary {
        var summary = MJRImportSummary()
        var streams: [Stream] = []
        for input in files.sorted(by: { $0.name < $1.name }) {
            let file: MJRFile
            do { file = try MJRFile(bytes: input.bytes) } catch { throw MJRImportError.file(input.name, error) }
            summary.skippedBlocks += file.skippedBlocks
            summary.truncatedBytes += file.truncatedBytes
            guard file.kind != .data else {
                summary.skippedFiles[input.name] = "data channel recording"
                continue
            }
            guard let (codec, clockRate, channels) = Self.codec(file.codec) else {
                summary.skippedFiles[input.name] = MJRError.unsupportedCodec(file.codec).description
                continue
            }
            var packets: [(Int64, [UInt8])] = []
            var unwrapper = TimestampUnwrapper()
            var firstTimestamp: Int64?
            var first: RTPPacket?
            // The file's own times are outside input: kept in a sane range so the sums below cannot overflow.
            let base = (file.firstFrameMicros ?? file.createdMicros ?? 0).clampedToSaneRange
            for frame in file.frames {
                guard let packet = try? RTPPacket(parsing: frame.packet) else {
                    summary.malformedPackets += 1
                    continue
                }
                if first == nil { first = packet }
                let time: Int64
                if let milliseconds = frame.milliseconds {
                    time = base + Int64(milliseconds) * 1000  // milliseconds is 32-bit: no overflow
                } else {
                    let unwrapped = unwrapper.unwrap(packet.timestamp)
                    let start = firstTimestamp ?? unwrapped
                    firstTimestamp = start
                    time = base + (unwrapped - start).scaledClamped(by: 1_000_000, over: Int64(clockRate))
                }
                packets.append((time, frame.packet))
            }
            guard let first else {
                summary.skippedFiles[input.name] = "no RTP packets"
                continue
            }
            let participant = Self.participantName(forFile: input.name)
            // Janus' "g711" is either law: the payload type says which (RFC 3551: 0 PCMU, 8 PCMA).
            let name = file.codec == "g711" && first.payloadType == 8 ? "PCMA" : codec
            let track = DumpTrack(
                id: 0, participantID: participant, participantName: participant, trackName: file.kind.rawValue,
                kind: file.kind == .audio ? .audio : .video, codec: name, clockRate: clockRate, channels: channels,
                formatParameters: file.formatParameters, payloadType: first.payloadType, headerExtensions: file.headerExtensions,
                ssrc: first.ssrc)
            streams.append(Stream(file: input.name, participant: participant, track: track, packets: packets))
        }
        guard let anchor = streams.compactMap({ $0.packets.first?.time }).min() else { throw MJRImportError.noMedia }
        // Track ids in order of first packet, as a live recording assigns them.
        streams.sort { ($0.packets.first?.time ?? .max, $0.file) < ($1.packets.first?.time ?? .max, $1.file) }
        for index in streams.indices { streams[index].track.id = UInt16(index + 1) }

        enum Item { case packet(Int, [UInt8]), begin(Int), end(Int) }
        var timeline: [(time: Int64, order: Int, item: Item)] = []
        var participantFirst: [String: Int64] = [:], participantLast: [String: Int64] = [:]
        for (index, stream) in streams.enumerated() {
            let start = stream.packets.first!.time - anchor, end = stream.packets.last!.time - anchor
            participantFirst[stream.participant] = min(participantFirst[stream.participant] ?? .max, start)
            participantLast[stream.participant] = max(participantLast[stream.participant] ?? .min, end)
            timeline.append((start, 0, .begin(index)))
            for packet in stream.packets { timeline.append((packet.time - anchor, 1, .packet(index, packet.bytes))) }
            timeline.append((end, 2, .end(index)))
        }
        timeline.sort { ($0.time, $0.order) < ($1.time, $1.order) }  // stable: each file's own order is kept

        let temporaryPath = outputPath + ".partial"
        do {
            let writer = try DumpWriter(path: temporaryPath, header: DumpHeader(anchorWallClockMicros: anchor), flushIntervalMicros: .max,
                                        bufferLimit: 4 << 20, synchronizes: false)
            try writer.write(.session(DumpSession(id: sessionID, room: room, startedAtMicros: anchor, source: "mjr-import")), time: 0)
            var joined = Set<String>(), active: [String: Int] = [:]
            for entry in timeline {
                switch entry.item {
                case let .begin(index):
                    let stream = streams[index]
                    if joined.insert(stream.participant).inserted {
                        try writer.write(.event(DumpEvent(kind: .participantJoined, participantID: stream.participant, detail: stream.participant)), time: entry.time)
                    }
                    active[stream.participant, default: 0] += 1
                    try writer.write(.track(stream.track), time: entry.time)
                    try writer.write(.event(DumpEvent(kind: .trackAdded, participantID: stream.participant, trackID: stream.track.id)), time: entry.time)
                case let .packet(index, bytes):
                    try writer.write(.rtp(track: streams[index].track.id, bytes: bytes[...]), time: entry.time)
                    summary.rtpPackets += 1
                case let .end(index):
                    let stream = streams[index]
                    try writer.write(.event(DumpEvent(kind: .trackEnded, participantID: stream.participant, trackID: stream.track.id,
                                                      detail: "end of recording")), time: entry.time)
                    active[stream.participant, default: 1] -= 1
                    if active[stream.participant] == 0 {
                        try writer.write(.event(DumpEvent(kind: .participantLeft, participantID: stream.participant)), time: entry.time)
                    }
                }
            }
            try writer.close()
            _ = fsyncPath(temporaryPath)
            guard rename(temporaryPath, outputPath) == 0 else {
                throw DumpError.io("cannot rename \(temporaryPath) to \(outputPath): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        summary.participants = Array(Set(streams.map(\.participant))).sorted()
        summary.tracks = streams.count
        summary.durationSeconds = Double((timeline.last?.time ?? 0)) / 1e6
        return summary
    }

    /// Janus' codec names → the dump's, with clock rate and channels.
    static func codec(_ name: String) -> (String, Int, Int?)? {
        switch name {
        case "vp8": ("VP8", 90_000, nil)
        case "vp9": ("VP9", 90_000, nil)
        case "h264": ("H264", 90_000, nil)
        case "opus": ("opus", 48_000, 2)
        case "pcmu", "g711": ("PCMU", 8_000, 1)
        case "pcma": ("PCMA", 8_000, 1)
        default: nil
        }
    }
}

public enum MJRImportError: Error, CustomStringConvertible {
    case file(String, MJRError)
    case noMedia

    public var description: String {
        switch self {
        case let .file(name, error): "\(name): \(error)"
        case .noMedia: "none of the .mjr files holds audio or video tessera can render"
        }
    }
}
