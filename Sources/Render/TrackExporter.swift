import Dump
import Foundation
import Media
import RTP

/// `tessera render --tracks`: each track of a dump in its own file, without
/// transcoding (VP8/VP9/Opus → .webm, H.264 → .mp4), every file's timestamps
/// on the session's timeline (0 = the session's first packet; video by lip
/// sync with its participant's audio), so the files line up in an editor.
///
/// Two passes over the dump: the first settles every track's clock, the
/// second writes the frames with the settled clocks.
public struct TrackExporter {
    public struct Result: Codable, Sendable {
        public var trackID: UInt16
        public var participantID: String
        public var codec: String
        public var path: String
        public var frames: Int
        public var startSeconds: Double
        public var skippedBeforeKeyframe: Int
    }

    /// What every file's name starts with (`track-` for a job's files, so they stand apart from its others).
    public let filePrefix: String

    public init(filePrefix: String = "") { self.filePrefix = filePrefix }

    public func export(dump path: String, to directory: String) throws -> [Result] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let clocks = try settleClocks(path)
        var writers: [UInt16: TrackFileWriter] = [:]
        var order: [UInt16] = []
        var audioOf: [String: UInt16] = [:]
        var origin: Int64?
        let reader = try DumpFileReader(path: path, chunkSize: 1 << 20)
        var intakes: [UInt16: TrackIntake] = [:]
        do {
            while let item = try reader.next() {
                guard case let .record(timed) = item else { continue }
                switch timed.record {
                case let .track(track):
                    guard writers[track.id] == nil else { continue }
                    guard let codec = RTPCodec(encodingName: track.codec), [.vp8, .vp9, .h264, .opus].contains(codec) else {
                        throw RenderError("track \(track.id) of \(track.participantID): codec \(track.codec) cannot be written without transcoding (VP8, VP9, H264 and opus can)")
                    }
                    intakes[track.id] = TrackIntake(track: track, codec: codec)
                    writers[track.id] = try TrackFileWriter(track: track, codec: codec, directory: directory, prefix: filePrefix)
                    order.append(track.id)
                    if track.kind == .audio, audioOf[track.participantID] == nil { audioOf[track.participantID] = track.id }
                case let .rtp(id, bytes):
                    guard let packet = try? RTPPacket(parsing: bytes), intakes[id] != nil else { continue }
                    if origin == nil { origin = timed.time }
                    intakes[id]!.push(packet, arrival: timed.time)
                    try drain(id, intakes: &intakes, writers: writers, clocks: clocks, audioOf: audioOf, origin: origin!)
                default:
                    continue
                }
            }
            for id in order {
                intakes[id]!.finish()
                try drain(id, intakes: &intakes, writers: writers, clocks: clocks, audioOf: audioOf, origin: origin ?? 0)
            }
            return try order.map { try writers[$0]!.finish() }
        } catch {
            for writer in writers.values { writer.abandon() }
            throw error
        }
    }

    private func drain(_ id: UInt16, intakes: inout [UInt16: TrackIntake], writers: [UInt16: TrackFileWriter],
                       clocks: [UInt16: TrackClock], audioOf: [String: UInt16], origin: Int64) throws {
        let writer = writers[id]!
        let clock = clocks[id] ?? intakes[id]!.clock
        let reference = writer.track.kind == .video ? audioOf[writer.track.participantID].flatMap { clocks[$0] } : nil
        while let (frame, segment) = intakes[id]!.first {
            intakes[id]!.removeFirst()
            let (time, _) = LipSync.time(of: frame.timestamp, segment: segment, on: clock, following: reference)
            try writer.write(frame, sessionMicros: time - origin)
        }
    }

    /// The first pass: every frame through its track's assembler and clock.
    private func settleClocks(_ path: String) throws -> [UInt16: TrackClock] {
        let reader = try DumpFileReader(path: path, chunkSize: 1 << 20)
        var intakes: [UInt16: TrackIntake] = [:]
        while let item = try reader.next() {
            guard case let .record(timed) = item else { continue }
            switch timed.record {
            case let .track(track):
                if intakes[track.id] == nil, let codec = RTPCodec(encodingName: track.codec) {
                    intakes[track.id] = TrackIntake(track: track, codec: codec)
                }
            case let .rtp(id, bytes):
                guard let packet = try? RTPPacket(parsing: bytes), intakes[id] != nil else { continue }
                intakes[id]!.push(packet, arrival: timed.time)
                while intakes[id]!.first != nil { intakes[id]!.removeFirst() }
            case let .rtcp(id, bytes):
                intakes[id]?.observeRTCP(bytes, arrival: timed.time)
            default:
                continue
            }
        }
        for id in Array(intakes.keys) { intakes[id]!.finish() }
        return intakes.mapValues(\.clock)
    }
}

/// One track's file: opened at its first usable frame (a keyframe for
/// video), written as `.partial` and renamed when complete.
final class TrackFileWriter {
    let track: DumpTrack
    let codec: RTPCodec
    let path: String
    private var muxer: Muxer?
    private var stream = 0
    private var lastPTS: Int64 = -1
    private var frames = 0
    private var skipped = 0
    private var start: Int64?
    private let parameterSets: [UInt8]

    init(track: DumpTrack, codec: RTPCodec, directory: String, prefix: String = "") throws {
        self.track = track
        self.codec = codec
        // The participant's id comes from outside: only ASCII letters, digits, '-' and '_' reach the file name.
        let name = track.participantID.prefix(64).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" }
        path = "\(directory)/\(prefix)\(String(name))-\(track.id)-\(track.kind.rawValue).\(codec == .h264 ? "mp4" : "webm")"
        parameterSets = codec == .h264 ? VideoTrackState.parameterSets(from: track.formatParameters) : []
    }

    func write(_ frame: AssembledFrame, sessionMicros: Int64) throws {
        if muxer == nil {
            guard codec == .opus || frame.isKeyframe else { skipped += 1; return }
            try open(with: frame)
        }
        guard let muxer else { return }
        let rate = Int64(track.kind == .audio ? 48_000 : 90_000)
        var pts = Swift.max(0, sessionMicros) * rate / 1_000_000
        if pts <= lastPTS { pts = lastPTS + 1 }
        lastPTS = pts
        if start == nil { start = sessionMicros }
        var data = frame.data
        if codec == .h264 && frame.isKeyframe && !parameterSets.isEmpty { data = parameterSets + data }
        // Nominal durations (a 30 fps frame, a 20 ms packet): the last one sets where the track ends.
        try muxer.write(bytes: data, pts: pts, duration: codec == .opus ? 960 : 3_000, isKeyframe: frame.isKeyframe || codec == .opus, stream: stream)
        frames += 1
    }

    private func open(with frame: AssembledFrame) throws {
        let muxer = try Muxer(path: path + ".partial", container: codec == .h264 ? .mp4 : .webm)
        var parameters: CopiedStreamParameters
        switch codec {
        case .opus:
            parameters = .init(codec: .opus, extradata: CopiedStreamParameters.opusHead, clockRate: 48_000)
        case .h264:
            let sets = parameterSets.isEmpty ? Self.annexBParameterSets(in: frame.data) : parameterSets
            guard !sets.isEmpty else { throw RenderError("track \(track.id): no H.264 SPS/PPS in the stream or the SDP") }
            parameters = .init(codec: .h264, width: frame.width ?? 0, height: frame.height ?? 0, extradata: sets, clockRate: 90_000)
        default:
            parameters = .init(codec: codec == .vp9 ? .vp9 : .vp8, width: frame.width ?? 0, height: frame.height ?? 0, clockRate: 90_000)
        }
        stream = try muxer.addStream(copying: parameters)
        try muxer.writeHeader()
        self.muxer = muxer
    }

    /// SPS and PPS NAL units (types 7 and 8) of an Annex-B frame, Annex-B framed.
    static func annexBParameterSets(in data: [UInt8]) -> [UInt8] {
        var starts: [Int] = []
        var i = 0
        while i + 3 <= data.count {
            if data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 { starts.append(i + 3); i += 3 } else { i += 1 }
        }
        var result: [UInt8] = []
        for (n, start) in starts.enumerated() where start < data.count {
            var end = n + 1 < starts.count ? starts[n + 1] - 3 : data.count
            while end > start && data[end - 1] == 0 { end -= 1 }
            let type = data[start] & 0x1f
            if type == 7 || type == 8 { result += [0, 0, 0, 1] + data[start..<end] }
        }
        return result
    }

    func finish() throws -> TrackExporter.Result {
        guard let muxer else { throw RenderError("track \(track.id) of \(track.participantID) has no frame to write\(skipped > 0 ? " (no keyframe came)" : "")") }
        try muxer.finish()
        guard rename(path + ".partial", path) == 0 else { throw RenderError("cannot rename \(path).partial: \(String(cString: strerror(errno)))") }
        return .init(trackID: track.id, participantID: track.participantID, codec: track.codec, path: path, frames: frames,
                     startSeconds: Double(start ?? 0) / 1e6, skippedBeforeKeyframe: skipped)
    }

    func abandon() {
        muxer = nil
        unlink(path + ".partial")
    }
}
