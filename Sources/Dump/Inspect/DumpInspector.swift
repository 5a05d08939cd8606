import RTP

/// Builds an `InspectReport` from the items of a dump, sans-I/O: feed it
/// what `DumpParser` yields, then ask for the report. Every packet goes
/// through the codec's depacketizer and the frame assembler, so frame, loss
/// and keyframe figures are what a render would see.
public struct DumpInspector {
    /// A gap in a track's packet arrivals longer than this is listed.
    public var gapThresholdMicros: Int64 = 1_000_000
    public static let maximumGapsListed = 100

    struct TrackState {
        var report: InspectReport.Track
        var track: DumpTrack
        var codec: RTPCodec?
        var assembler: FrameAssembler?
        var currentSSRC: UInt32?
        var sequences = SequenceUnwrapper()
        var timestamps = TimestampUnwrapper()
        var lowestSequence: Int64 = .max
        var highestSequence: Int64 = .min
        var received = 0
        var recent = [Int64](repeating: -1, count: 4096)
        var lowestTimestamp: Int64 = .max
        var highestTimestamp: Int64 = .min
        var timestampSteps: [Int64: Int] = [:]
        var segmentsDuration = 0.0
        var lastArrival: Int64?
        var lastResolution: (Int, Int)?
    }

    private var report = InspectReport()
    /// Track states in the order their track records came; `trackIndex`
    /// maps a track id to its place. An array, not a dictionary of states, so
    /// that a state is mutated in place and its assembler's ring never copied.
    private var tracks: [TrackState] = []
    private var trackIndex: [UInt16: Int] = [:]
    private var firstTime: Int64?
    private var lastTime: Int64 = 0

    public init(path: String? = nil) { report.path = path }

    public mutating func consume(_ item: DumpParser.Item) {
        switch item {
        case let .header(header):
            report.formatVersion = "\(header.majorVersion).\(header.minorVersion)"
        case let .skipped(span):
            report.skipped.append(span)
            if span.atEnd { report.corruptTailBytes += span.length }
        case let .record(timed):
            report.records += 1
            consume(timed)
        }
    }

    private mutating func consume(_ timed: TimedDumpRecord) {
        let time = timed.time
        switch timed.record {
        case let .session(session):
            report.sessionID = session.id
            report.room = session.room
            report.source = session.source
            report.startedAtMicros = session.startedAtMicros
        case let .track(track):
            let codec = RTPCodec(encodingName: track.codec)
            let state = TrackState(
                report: .init(id: track.id, participantID: track.participantID, participantName: track.participantName,
                              kind: track.kind.rawValue, codec: track.codec, supported: codec != nil, clockRate: track.clockRate),
                track: track, codec: codec, assembler: codec.map { FrameAssembler(codec: $0) })
            if let index = trackIndex[track.id] {
                tracks[index] = state
            } else {
                trackIndex[track.id] = tracks.count
                tracks.append(state)
            }
        case let .event(event):
            report.events[event.kind.rawValue, default: 0] += 1
        case let .rtp(trackID, bytes):
            guard let index = trackIndex[trackID] else {
                report.orphanPackets += 1
                return
            }
            noteTime(time)
            Self.rtp(&tracks[index], bytes: bytes, time: time, gapThresholdMicros: gapThresholdMicros)
        case let .rtcp(trackID, bytes):
            guard let index = trackIndex[trackID] else {
                report.orphanPackets += 1
                return
            }
            noteTime(time)
            tracks[index].report.rtcpPackets += 1
            if let packets = try? RTCPPacket.parseCompound(bytes) {
                for packet in packets {
                    if case .senderReport = packet { tracks[index].report.senderReports += 1 }
                }
            }
        case .unknown:
            break
        }
    }

    private mutating func noteTime(_ time: Int64) {
        if firstTime == nil { firstTime = time }
        firstTime = min(firstTime!, time)
        lastTime = max(lastTime, time)
    }

    /// Static, not a method: a method call would hold a copy of `self` (and so
    /// a second reference to every track's buffers) while `state` is mutated,
    /// which makes each packet copy the assembler's ring.
    private static func rtp(_ state: inout TrackState, bytes: ArraySlice<UInt8>, time: Int64, gapThresholdMicros: Int64) {
        guard var packet = try? RTPPacket(parsing: bytes) else {
            state.report.malformedPackets += 1
            return
        }
        state.report.packets += 1
        state.report.bytes += packet.payload.count
        if let originalType = state.track.retransmissionPayloadTypes[packet.payloadType] {
            // An RTX retransmission (RFC 4588) fills the original stream's gap.
            state.report.retransmissions += 1
            guard let ssrc = state.currentSSRC ?? state.track.ssrc,
                  let original = packet.unwrappingRetransmission(payloadType: originalType, ssrc: ssrc),
                  let repaired = try? RTPPacket(parsing: original) else { return }
            packet = repaired
        }
        if packet.isPaddingOnly { state.report.paddingPackets += 1 }
        if state.report.firstArrivalSeconds == nil { state.report.firstArrivalSeconds = Double(time) / 1e6 }
        state.report.lastArrivalSeconds = Double(time) / 1e6
        if let last = state.lastArrival, time - last > gapThresholdMicros, state.report.gaps.count < maximumGapsListed {
            state.report.gaps.append(.init(atSeconds: Double(last) / 1e6, lengthSeconds: Double(time - last) / 1e6))
        }
        state.lastArrival = time

        if state.currentSSRC != packet.ssrc {
            if state.currentSSRC != nil { closeSegment(&state) }
            state.currentSSRC = packet.ssrc
            if !state.report.ssrcs.contains(packet.ssrc) { state.report.ssrcs.append(packet.ssrc) }
        }

        let sequence = state.sequences.unwrap(packet.sequenceNumber)
        let slot = Int(truncatingIfNeeded: sequence) & 4095
        if state.recent[slot] == sequence {
            state.report.duplicatePackets += 1
        } else {
            state.recent[slot] = sequence
            state.received += 1
            if sequence < state.highestSequence { state.report.reorderedPackets += 1 }
            state.lowestSequence = min(state.lowestSequence, sequence)
            state.highestSequence = max(state.highestSequence, sequence)
        }

        if !packet.isPaddingOnly {
            let timestamp = state.timestamps.unwrap(packet.timestamp)
            if timestamp > state.highestTimestamp && state.highestTimestamp != .min && state.timestampSteps.count < 64 {
                state.timestampSteps[timestamp - state.highestTimestamp, default: 0] += 1
            }
            state.lowestTimestamp = min(state.lowestTimestamp, timestamp)
            state.highestTimestamp = max(state.highestTimestamp, timestamp)
        }

        guard state.assembler != nil else { return }
        state.assembler!.push(packet, arrivalMicros: time)
        drainAssembler(&state)
    }

    private static func drainAssembler(_ state: inout TrackState) {
        while let event = state.assembler!.poll() {
            guard case let .frame(frame) = event else { continue }
            if let width = frame.width, let height = frame.height, state.lastResolution.map({ $0 != (width, height) }) ?? true {
                state.lastResolution = (width, height)
                state.report.resolutions.append(.init(width: width, height: height, atSeconds: Double(frame.firstArrival) / 1e6))
            }
        }
    }

    /// Folds one SSRC's sequence and timestamp figures into the track's totals.
    private static func closeSegment(_ state: inout TrackState) {
        if state.highestSequence >= state.lowestSequence {
            let expected = Int(state.highestSequence - state.lowestSequence + 1)
            state.report.expectedPackets += expected
            state.report.lostPackets += max(0, expected - state.received)
        }
        if state.highestTimestamp >= state.lowestTimestamp {
            let step = state.timestampSteps.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
            state.segmentsDuration += Double(state.highestTimestamp - state.lowestTimestamp + step) / Double(state.track.clockRate)
        }
        state.sequences = SequenceUnwrapper()
        state.timestamps = TimestampUnwrapper()
        state.lowestSequence = .max
        state.highestSequence = .min
        state.received = 0
        state.recent = [Int64](repeating: -1, count: 4096)
        state.lowestTimestamp = .max
        state.highestTimestamp = .min
        state.timestampSteps = [:]
    }

    /// The report, with every track's open segment and assembler closed.
    public func finish() -> InspectReport {
        var report = self.report
        var participants: [String: InspectReport.Participant] = [:]
        var participantOrder: [String] = []
        for var state in tracks {
            let id = state.track.id
            Self.closeSegment(&state)
            if state.assembler != nil {
                state.assembler!.finish()
                Self.drainAssembler(&state)
                let stats = state.assembler!.statistics
                state.report.frames = stats.framesEmitted
                state.report.keyframes = state.assembler!.isVideo ? stats.keyframesEmitted : 0
                state.report.droppedFrames = stats.framesDropped
                state.report.keyframeRequests = stats.keyframeRequests
                state.report.malformedPackets += stats.malformedPackets
            }
            state.report.durationSeconds = state.segmentsDuration
            if state.report.expectedPackets > 0 {
                state.report.lossPercent = 100 * Double(state.report.lostPackets) / Double(state.report.expectedPackets)
            }
            report.tracks.append(state.report)
            let pid = state.track.participantID
            if participants[pid] == nil {
                participantOrder.append(pid)
                participants[pid] = .init(id: pid, name: state.track.participantName, tracks: [])
            }
            participants[pid]!.tracks.append(id)
        }
        report.participants = participantOrder.map { participants[$0]! }
        report.durationSeconds = firstTime.map { Double(lastTime - $0) / 1e6 } ?? 0
        return report
    }
}
