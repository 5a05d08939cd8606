import Dump
import RTP

/// The receiving half every track has: packets go through the frame
/// assembler, each frame is placed on the track's clock, and frames wait in
/// order (still compressed) until the output clock reaches them. RTX
/// packets (RFC 4588) go in as the originals they carry, and the track's sender
/// reports go to its clock, for every user of a track alike.
struct TrackIntake {
    var assembler: FrameAssembler
    var clock: TrackClock
    private var queue: [(frame: AssembledFrame, segment: Int)] = []
    private var head = 0
    private(set) var packets = 0
    private(set) var framesAssembled = 0
    private(set) var droppedByReason: [String: Int] = [:]
    private(set) var retransmissionsUsed = 0
    private let retransmissionPayloadTypes: [UInt8: UInt8]
    private var lastSSRC: UInt32?

    init(track: DumpTrack, codec: RTPCodec) {
        assembler = FrameAssembler(codec: codec)
        clock = TrackClock(clockRate: track.clockRate)
        retransmissionPayloadTypes = track.retransmissionPayloadTypes
        lastSSRC = track.ssrc
    }

    mutating func push(_ packet: RTPPacket, arrival: Int64) {
        if let originalType = retransmissionPayloadTypes[packet.payloadType] {
            // An RTX retransmission (RFC 4588): the original packet goes in.
            guard let ssrc = lastSSRC, let original = packet.unwrappingRetransmission(payloadType: originalType, ssrc: ssrc),
                  let repaired = try? RTPPacket(parsing: original) else { return }
            retransmissionsUsed += 1
            assembler.push(repaired, arrivalMicros: arrival)
            collect()
            return
        }
        lastSSRC = packet.ssrc
        packets += 1
        assembler.push(packet, arrivalMicros: arrival)
        collect()
    }

    /// Takes the track's RTCP: sender reports place its clock against the
    /// sender's wall clock (lip sync).
    mutating func observeRTCP(_ bytes: ArraySlice<UInt8>, arrival: Int64) {
        guard let packets = try? RTCPPacket.parseCompound(bytes) else { return }
        for case let .senderReport(report) in packets {
            clock.observeSenderReport(ntpMicros: report.ntpTime.microseconds, rtpTimestamp: report.rtpTimestamp, arrival: arrival)
        }
    }

    mutating func advance(to now: Int64) {
        assembler.advance(to: now)
        collect()
    }

    mutating func finish() {
        assembler.finish()
        collect()
    }

    private mutating func collect() {
        while let event = assembler.poll() {
            switch event {
            case let .frame(frame):
                framesAssembled += 1
                queue.append((frame, clock.observe(timestamp: frame.timestamp, arrival: frame.firstArrival)))
            case let .dropped(dropped):
                droppedByReason[dropped.reason.rawValue, default: 0] += 1
            case .keyframeNeeded:
                break
            }
        }
    }

    /// The oldest waiting frame. (Peek, then `removeFirst`: deciding
    /// whether it is due reads the clocks, which must not happen while the
    /// intake is being modified.)
    var first: (frame: AssembledFrame, segment: Int)? { head < queue.count ? queue[head] : nil }

    mutating func removeFirst() {
        head += 1
        if head > 512 {
            queue.removeFirst(head)
            head = 0
        }
    }

    /// The intake's figures copied into a track summary.
    func fill(_ summary: inout RenderSummary.Track) {
        summary.packets = packets
        summary.framesAssembled = framesAssembled
        summary.framesDroppedByReason = droppedByReason
        summary.timelineResets = clock.resets
    }
}

/// A track state built on a `TrackIntake`: packets and time pass straight to it.
protocol TrackIntakeOwner: AnyObject {
    var intake: TrackIntake { get set }
    var summary: RenderSummary.Track { get }
}

extension TrackIntakeOwner {
    func push(_ packet: RTPPacket, arrival: Int64) { intake.push(packet, arrival: arrival) }
    func advance(to now: Int64) { intake.advance(to: now) }
    func finish() { intake.finish() }

    /// The track's summary with the intake's figures filled in.
    var finalSummary: RenderSummary.Track {
        var summary = self.summary
        intake.fill(&summary)
        return summary
    }
}
