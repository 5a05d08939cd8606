import RTP

/// What a connection keeps per incoming media SSRC: reception statistics
/// for receiver reports, the NACK generator, and — for video — a frame
/// assembler that says when the decoder would need a keyframe, which is
/// when a PLI goes out (RFC 4585 §6.3.1).
struct InboundStream {
    var track: ConnectionTrack
    var statistics: ReceptionStatistics
    var nack: NackGenerator?
    private var assembler: FrameAssembler?
    private(set) var keyframes = 0
    private var wantsKeyframe: Bool
    private var lastKeyframeRequest: Int64?

    init(track: ConnectionTrack, acceptsNack: Bool) {
        self.track = track
        statistics = ReceptionStatistics(clockRate: track.codec.clockRate)
        nack = acceptsNack ? NackGenerator() : nil
        if track.kind == "video", let codec = RTPCodec(encodingName: track.codec.name) {
            assembler = FrameAssembler(codec: codec)
        }
        wantsKeyframe = assembler != nil
    }

    mutating func received(_ packet: RTPPacket, now: Int64) {
        statistics.received(sequence: packet.sequenceNumber, timestamp: packet.timestamp, arrivalMicros: now)
        nack?.received(packet.sequenceNumber, now: now)
        if wantsKeyframe, let info = try? assembler?.depacketizer.inspect(packet.payload), info.isKeyframe && info.isFrameStart {
            // A keyframe is on its way: give it an interval to complete before asking.
            lastKeyframeRequest = now
        }
        assemble(packet, now: now)
    }

    /// An RTX packet (RFC 4588 §4): its original fills the gap.
    mutating func receivedRetransmission(_ packet: RTPPacket, now: Int64) {
        guard let originalType = track.retransmissionPayloadTypes[packet.payloadType],
              let bytes = packet.unwrappingRetransmission(payloadType: originalType, ssrc: track.ssrc),
              let original = try? RTPPacket(parsing: bytes) else { return }
        nack?.received(original.sequenceNumber, now: now)
        assemble(original, now: now)
    }

    mutating func advance(to now: Int64) {
        guard assembler != nil else { return }
        assembler!.advance(to: now)
        drain()
    }

    /// True when a PLI should go out now: a keyframe is awaited (from the
    /// start, or since a loss the assembler could not repair) and none was
    /// asked for within the request interval.
    mutating func keyframeRequestDue(now: Int64) -> Bool {
        guard wantsKeyframe else { return false }
        if let last = lastKeyframeRequest, now - last < ReceiveConnection.keyframeRequestIntervalMicros { return false }
        lastKeyframeRequest = now
        return true
    }

    /// Asks for a keyframe at the next feedback (a recording starting on a
    /// stream already flowing needs one to begin its video with).
    mutating func requestKeyframe() {
        guard assembler != nil else { return }
        wantsKeyframe = true
        lastKeyframeRequest = nil
    }

    private mutating func assemble(_ packet: RTPPacket, now: Int64) {
        guard assembler != nil else { return }
        assembler!.push(packet, arrivalMicros: now)
        drain()
    }

    private mutating func drain() {
        while let event = assembler!.poll() {
            switch event {
            case let .frame(frame) where frame.isKeyframe:
                keyframes += 1
                wantsKeyframe = false
            case .keyframeNeeded:
                if !wantsKeyframe { lastKeyframeRequest = nil }  // a new loss: ask at once
                wantsKeyframe = true
            default:
                continue
            }
        }
    }
}
