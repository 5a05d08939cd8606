import Dump
import Media
import RTP

/// The render pipeline on one session, with time as an input: records go
/// in with `consume`, and `ticks(upTo:)` composites and mixes every output
/// frame that is at least `latency` older than the newest record. A batch
/// render feeds a finished dump as fast as it reads it; a live render feeds
/// a dump being written; both make the same ticks.
public final class RenderSession {
    /// One output frame and the audio that goes with it.
    public struct Tick {
        public var index: Int64
        /// nil: a live render behind the call skipped drawing this frame (`LivePacing`); the last picture stays.
        public var picture: VideoFrame?
        public var audio: [Float]
    }

    public let settings: RenderSettings
    private var layoutEngine: LayoutEngine
    private let compositor: Compositor
    private var mixer: AudioMixer
    private var videoTracks: [UInt16: VideoTrackState] = [:]
    private var audioTracks: [UInt16: AudioTrackState] = [:]
    private var trackOrder: [UInt16] = []
    private var participants: [String: Presence] = [:]
    private var participantOrder: [String] = []
    /// A participant's second video track (a screen share) is a tile of its own: track → tile id.
    private var screenTiles: [UInt16: String] = [:]
    private var endedTracks: Set<UInt16> = []
    private var speakers = SpeakerDetector()
    private var origin: Int64?
    private var newest: Int64 = .min
    /// How far the input the session has seen trails real time, as a live
    /// driver measures it (the session itself knows no clock). With
    /// `skipFramesWhenBehind`, a lag of seconds makes it draw fewer frames.
    public var inputLagMicros: Int64 = 0
    /// Arrival time of the newest record seen (nil before any).
    public var newestRecordMicros: Int64? { newest == .min ? nil : newest }
    private var lastMedia: Int64 = .min
    private var nextTick: Int64 = 0
    private var finished = false
    public private(set) var summary = RenderSummary()

    struct Presence {
        var joined: Int64
        var left: Int64?
        /// Times they were away and came back (dump time): ticks drawn after
        /// the return is read must still show the absence.
        var away: [Range<Int64>] = []
        var videoTrack: UInt16?
        var audioTrack: UInt16?
        var placeholder: YUVColor

        /// Whether they are in the call at `time` (dump time).
        func isPresent(at time: Int64, slack: Int64) -> Bool {
            joined != .max && joined <= time + slack && (left.map { $0 > time } ?? true) && !away.contains { $0.contains(time) }
        }
    }

    public init(settings: RenderSettings) throws {
        self.settings = settings
        layoutEngine = LayoutEngine(layout: settings.layout, width: settings.width, height: settings.height)
        mixer = AudioMixer(channels: settings.audio.channels)
        compositor = try Compositor(width: settings.width, height: settings.height, background: layoutEngine.background)
    }

    // MARK: - Input

    /// Takes one item of the dump, in file order.
    public func consume(_ item: DumpParser.Item) throws {
        switch item {
        case .header: break
        case let .skipped(span): summary.skippedSpans.append(span)
        case let .record(timed): try consume(timed)
        }
    }

    private func consume(_ timed: TimedDumpRecord) throws {
        // A dump's times are outside input (an upload, a damaged file): kept
        // in a sane range so that differences of them cannot overflow.
        let time = timed.time.clampedToSaneRange
        newest = Swift.max(newest, time)
        switch timed.record {
        case let .track(track):
            try addTrack(track, at: time)
        case let .rtp(trackID, bytes):
            guard let packet = try? RTPPacket(parsing: bytes) else { return }
            if origin == nil { origin = time }
            lastMedia = Swift.max(lastMedia, time)
            if let video = videoTracks[trackID] {
                notePresence(tileID(of: video.track), at: time)
                video.push(packet, arrival: time)
            } else if let audio = audioTracks[trackID] {
                notePresence(audio.track.participantID, at: time)
                audio.push(packet, arrival: time)
            }
        case let .rtcp(trackID, bytes):
            videoTracks[trackID]?.intake.observeRTCP(bytes, arrival: time)
            audioTracks[trackID]?.intake.observeRTCP(bytes, arrival: time)
        case let .event(event):
            guard let id = event.participantID else { return }
            switch event.kind {
            // A participant's tile begins with their first media, not with
            // their offer: a publisher that never connects is no empty tile.
            // The join still sets their place in the layout's order.
            case .participantJoined: reservePlace(id)
            // A second end (a track ended by renegotiation, then again when the
            // connection closes) must not move the first one later.
            case .participantLeft:
                if participants[id] != nil, participants[id]!.left == nil { participants[id]!.left = time }
                for (_, screen) in screenTiles where screen.hasPrefix(id + Self.screenSuffix) && participants[screen]?.left == nil {
                    participants[screen]?.left = time
                }
            case .trackEnded:
                guard let trackID = event.trackID else { break }
                endedTracks.insert(trackID)
                if let screen = screenTiles[trackID], participants[screen] != nil, participants[screen]!.left == nil {
                    participants[screen]!.left = time
                }
            default: break
            }
        case .session, .unknown:
            break
        }
    }

    private func addTrack(_ track: DumpTrack, at time: Int64) throws {
        guard videoTracks[track.id] == nil, audioTracks[track.id] == nil else { return }
        guard let codec = RTPCodec(encodingName: track.codec) else {
            throw RenderError("track \(track.id) of participant \(track.participantID) uses codec \(track.codec), which tessera cannot render (it renders VP8, VP9, H264, opus, PCMU, PCMA)")
        }
        trackOrder.append(track.id)
        if track.kind == .video, let videoCodec = VideoCodec(rawValue: track.codec.uppercased()) {
            videoTracks[track.id] = try VideoTrackState(track: track, codec: videoCodec)
        } else if track.kind == .audio {
            audioTracks[track.id] = try AudioTrackState(track: track, codec: codec, channels: settings.audio.channels)
        } else {
            throw RenderError("track \(track.id) of participant \(track.participantID): codec \(track.codec) is not a \(track.kind.rawValue) codec")
        }
        if participants[track.participantID] == nil {
            participants[track.participantID] = Presence(joined: .max, placeholder: Self.placeholderColor(for: track.participantID))
        }
        if track.kind == .video {
            if let camera = participants[track.participantID]!.videoTrack, !endedTracks.contains(camera) {
                // A second live video track: a screen share, shown as its own tile next to the camera.
                let screen = track.participantID + Self.screenSuffix
                screenTiles[track.id] = screen
                participants[screen] = participants[screen] ?? Presence(joined: .max, placeholder: .black)
                participants[screen]!.videoTrack = track.id
            } else {
                // The first camera, or one that replaces an ended one (a reconnect with new SSRCs).
                participants[track.participantID]!.videoTrack = track.id
            }
        }
        if track.kind == .audio, participants[track.participantID]!.audioTrack == nil { participants[track.participantID]!.audioTrack = track.id }
    }

    static let screenSuffix = "#screen"

    /// The tile a video track is shown in: its participant's, or its own for a screen share.
    private func tileID(of track: DumpTrack) -> String { screenTiles[track.id] ?? track.participantID }

    /// A participant's place in join order, before (or without) their first media.
    private func reservePlace(_ id: String) {
        if participants[id] == nil {
            participants[id] = Presence(joined: .max, placeholder: Self.placeholderColor(for: id))
        }
        if !participantOrder.contains(id) { participantOrder.append(id) }
    }

    private func notePresence(_ id: String, at time: Int64) {
        reservePlace(id)
        if participants[id]!.joined == .max { participants[id]!.joined = time }
        if let left = participants[id]!.left, time > left + 1_000_000 {  // came back
            participants[id]!.away.append(left..<time)
            participants[id]!.left = nil
        }
    }

    /// Changes the layout from the next output frame on (a running
    /// recording's layout changed through the API). The size stays.
    public func changeLayout(_ layout: Layout) {
        layoutEngine = LayoutEngine(layout: layout, width: settings.width, height: settings.height)
    }

    /// The dump ended: resolve every held packet; `ticks(upTo:)` may run to the end.
    public func finish() {
        for track in videoTracks.values { track.finish() }
        for track in audioTracks.values { track.finish() }
        finished = true
    }

    // MARK: - Timeline

    /// Session time (µs since the first packet) of a track's RTP timestamp.
    /// Video follows its participant's audio through sender reports when
    /// both have them (lip sync); otherwise a track goes by arrival.
    private func sessionTime(video track: VideoTrackState, timestamp: Int64, segment: Int) -> Int64 {
        let audio = participants[track.track.participantID]?.audioTrack.flatMap { audioTracks[$0] }
        let (time, synced) = LipSync.time(of: timestamp, segment: segment, on: track.clock, following: audio?.clock)
        if synced { track.summary.syncedBySenderReports = true }
        return time - (origin ?? 0)
    }

    private func sessionTime(audio track: AudioTrackState, timestamp: Int64, segment: Int) -> Int64 {
        (track.clock.arrivalTime(of: timestamp, segment: segment) ?? 0) - (origin ?? 0)
    }

    /// The session's length so far (µs), from the first to the last packet.
    public var durationMicros: Int64 {
        guard let origin, lastMedia >= origin else { return 0 }
        return lastMedia - origin + Int64(settings.tickMicros)
    }

    // MARK: - Output

    /// `from` and `to` come from requests: converted without trapping, and
    /// the output is never longer than `maximumDurationMicros`.
    private var startMicros: Int64 { Swift.max(0, settings.from?.checkedMicros ?? 0) }
    private var endMicros: Int64 {
        var end = Swift.min(durationMicros, startMicros + settings.maximumDurationMicros)
        if let to = settings.to { end = Swift.min(end, to.checkedMicros ?? end) }
        return end
    }

    /// Whether the output stops at `maximumDurationMicros` before the session's end.
    public var isTruncatedByDurationLimit: Bool { durationMicros > startMicros + settings.maximumDurationMicros }

    private func tickTime(_ index: Int64) -> Int64 { startMicros + Int64((Double(index) * settings.tickMicros).rounded()) }

    /// Whether every output frame up to `--to` has been made: nothing more
    /// of the dump is needed.
    public var isComplete: Bool {
        guard settings.to != nil, origin != nil else { return false }
        return tickTime(nextTick) >= endMicros
    }

    /// Hands every output frame that is due to `body`, a few at a time: a
    /// long gap in a dump must not hold hours of frames in memory at once.
    public func forEachDueTick(_ body: (Tick) throws -> Void) throws {
        while true {
            let batch = try ticks(limit: 16)
            if batch.isEmpty { return }
            for tick in batch { try body(tick) }
        }
    }

    /// Output frames that are due, at most `limit`: up to `latency` behind
    /// the newest record, or to the end after `finish()`.
    public func ticks(limit: Int = 16) throws -> [Tick] {
        guard let origin else { return [] }
        let horizon = finished ? endMicros : Swift.min(endMicros, newest - origin - settings.latencyMicros)
        var ticks: [Tick] = []
        guard tickTime(nextTick) < horizon else { return ticks }
        // Let gaps time out up to the newest record: once per batch of due
        // ticks, not per record.
        if !finished {
            for track in videoTracks.values { track.advance(to: newest) }
            for track in audioTracks.values { track.advance(to: newest) }
        }
        let stride = settings.skipFramesWhenBehind
            ? LivePacing.stride(backlogMicros: inputLagMicros, fps: settings.fps) : 1
        while tickTime(nextTick) < horizon && ticks.count < limit {
            ticks.append(try render(nextTick, draw: LivePacing.draws(nextTick, stride: stride)))
            nextTick += 1
        }
        return ticks
    }

    private func render(_ index: Int64, draw: Bool) throws -> Tick {
        let time = tickTime(index)
        let half = Int64(settings.tickMicros / 2)
        // Video: every track decodes what is due, visible or not (decoders need every frame).
        var pictures: [String: VideoFrame] = [:]
        var newPictures = 0
        for id in trackOrder {
            guard let track = videoTracks[id] else { continue }
            let before = track.picture
            let picture = track.picture(at: time + half) { [unowned self] in self.sessionTime(video: track, timestamp: $0, segment: $1) }
            if let picture, picture !== before { newPictures += 1 }
            if let picture, settings.videoGap == .lastFrame || track.hasRecentPicture(at: time, hold: settings.gapHoldMicros) {
                pictures[tileID(of: track.track)] = picture
            }
        }
        let canvas = draw ? try composite(at: time, pictures: pictures) : nil
        if !draw { summary.framesSkippedBehind += 1 }
        if newPictures == 0 && index > 0 { summary.framesRepeated += 1 }
        let audio = mixAudio(through: index, at: time)
        summary.framesWritten += 1
        summary.audioSamplesWritten += Int64(audio.count / settings.audio.channels)
        return Tick(index: index, picture: canvas, audio: audio)
    }

    /// The output picture at `time`: the layout's tiles with the tracks' pictures.
    private func composite(at time: Int64, pictures: [String: VideoFrame]) throws -> VideoFrame {
        let half = Int64(settings.tickMicros / 2)
        let present = participantOrder.filter { id in
            guard let presence = participants[id], let origin else { return false }
            return presence.isPresent(at: time &+ origin, slack: half)
        }
        let screens = Set(screenTiles.values)
        let tiles = layoutEngine.place(present, screens: screens, speaker: speakers.speaker.flatMap { present.contains($0) ? $0 : nil }).map { tile in
            let presence = participants[tile.participantID]!
            let content: TileContent
            if let picture = pictures[tile.participantID] {
                content = .picture(picture)
            } else if presence.videoTrack != nil && settings.videoGap == .black && videoTracks[presence.videoTrack!]?.picture != nil {
                content = .placeholder(.black)
            } else {
                content = .placeholder(presence.placeholder)
            }
            return CompositorTile(cell: tile.cell, fit: tile.fit == .cover ? .cover : .contain, background: tile.background,
                                  borderWidth: tile.borderWidth, borderColor: tile.borderColor, content: content)
        }
        return try compositor.compose(tiles)
    }

    /// The mix for output frame `index`, and who speaks for the next frame's layout.
    private func mixAudio(through index: Int64, at time: Int64) -> [Float] {
        // Audio: everything that starts before the end of this tick goes into the mix.
        let end = tickTime(index + 1)
        for id in trackOrder {
            guard let track = audioTracks[id] else { continue }
            track.mix(until: end, into: &mixer) { [unowned self] in self.sessionTime(audio: track, timestamp: $0, segment: $1) }
        }
        // Who speaks, for the next frame's layout: each participant's loudest track this tick.
        var levels: [String: Double] = [:]
        for id in trackOrder {
            guard let track = audioTracks[id] else { continue }
            levels[track.track.participantID] = Swift.max(levels[track.track.participantID] ?? 0, track.takeLevel())
        }
        let before = speakers.speaker
        _ = speakers.update(levels, at: time)
        if speakers.speaker != before { summary.speakerChanges += 1 }
        let firstSample = startMicros * 48_000 / 1_000_000
        if mixer.position < firstSample { _ = mixer.take(until: firstSample) }
        return mixer.take(until: firstSample + (index + 1) * 48_000 / Int64(settings.fps))
    }

    /// The summary with the per-track figures filled in.
    public func finalSummary() -> RenderSummary {
        var summary = self.summary
        summary.durationSeconds = Double(summary.framesWritten) / Double(settings.fps)
        summary.audioChannels = settings.audio.channels
        summary.audioLateSamples = mixer.lateSamples
        summary.tilesScaled = compositor.tilesScaled
        summary.tilesReused = compositor.tilesReused
        summary.truncatedByDurationLimit = isTruncatedByDurationLimit
        summary.tracks = trackOrder.compactMap { videoTracks[$0]?.finalSummary ?? audioTracks[$0]?.finalSummary }
        return summary
    }

    /// A steady color per participant id (FNV-1a hash → hue), for tiles without a picture.
    public static func placeholderColor(for id: String) -> YUVColor {
        var hash: UInt32 = 2_166_136_261
        for byte in id.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hue = Double(hash % 360) / 60
        let x = 1 - abs(hue.truncatingRemainder(dividingBy: 2) - 1)
        let (r, g, b): (Double, Double, Double) = switch Int(hue) {
        case 0: (1, x, 0)
        case 1: (x, 1, 0)
        case 2: (0, 1, x)
        case 3: (0, x, 1)
        case 4: (x, 0, 1)
        default: (1, 0, x)
        }
        return YUVColor(red: Int(60 + r * 110), green: Int(60 + g * 110), blue: Int(60 + b * 110))
    }
}

public struct RenderError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
