/// Puts the packets of one RTP stream back into whole frames, in order.
///
/// Sans-I/O: packets come in with their arrival time, events come out of
/// `poll()`. Packets are kept in a ring indexed by extended sequence number
/// (like pion's samplebuilder). A frame is a run of consecutive sequence
/// numbers with one timestamp that starts at a partition head and ends at the
/// marker bit (RFC 3550 §5.1, and each payload format's marker rule), at a
/// timestamp change, or — for audio — after every packet.
///
/// A gap is waited for until `maxWaitMicros` has passed since the assembler
/// first stalled on it, or until the ring is full; then the frame around it is
/// dropped and counted, and for video a keyframe is asked for.
public struct FrameAssembler: Sendable {
    public struct Configuration: Sendable {
        /// Ring size, rounded up to a power of two: the most packets held while waiting.
        public var capacity: Int
        /// How long a missing packet is waited for (NACK round trips fit in it).
        public var maxWaitMicros: Int64

        public init(capacity: Int = 1024, maxWaitMicros: Int64 = 500_000) {
            self.capacity = capacity
            self.maxWaitMicros = maxWaitMicros
        }
    }

    struct Slot {
        var sequence: Int64
        var timestamp: Int64
        var marker: Bool
        var payload: ArraySlice<UInt8>
        var info: PayloadInfo
        var arrival: Int64
        var isPadding: Bool
        var isMalformed: Bool
    }

    public let depacketizer: any Depacketizer
    public let isVideo: Bool
    public private(set) var statistics = FrameAssemblerStatistics()
    /// True from a loss (or the start, for video) until the next keyframe.
    public private(set) var waitingForKeyframe: Bool

    private let mask: Int
    private let maxWaitMicros: Int64
    private var ring: [Slot?]
    private var sequences = SequenceUnwrapper()
    private var timestamps = TimestampUnwrapper()
    private var nextSequence: Int64?
    private var highestSequence: Int64 = .min
    /// Until the wait window has passed after the first packet, nothing is
    /// decided: a packet reordered before the first one seen may still come.
    private var startReleased = false
    private var firstArrival: Int64 = 0
    private var stalledOn: Int64?
    private var stalledSince: Int64 = 0
    private var forceBefore: Int64 = .min
    private var droppedTimestamp: Int64?
    /// Late packets in a row: a sender that restarted with lower sequence
    /// numbers sends nothing but "late" packets, so a run of them restarts
    /// the stream at the newest one.
    private var lateHeld: [(packet: RTPPacket, arrival: Int64, sequence: Int64)] = []
    static let lateRunRestart = 16
    private var events: [FrameAssemblerEvent] = []
    private var eventHead = 0

    public init(codec: RTPCodec, configuration: Configuration = .init()) {
        self.init(depacketizer: codec.makeDepacketizer(), isVideo: codec.kind == .video, configuration: configuration)
    }

    public init(depacketizer: any Depacketizer, isVideo: Bool, configuration: Configuration = .init()) {
        var capacity = 16
        while capacity < configuration.capacity { capacity <<= 1 }
        self.depacketizer = depacketizer
        self.isVideo = isVideo
        self.mask = capacity - 1
        self.maxWaitMicros = configuration.maxWaitMicros
        self.ring = Array(repeating: nil, count: capacity)
        self.waitingForKeyframe = isVideo
    }

    /// The next event, or nil when there is none yet.
    public mutating func poll() -> FrameAssemblerEvent? {
        guard eventHead < events.count else {
            if eventHead > 0 {
                events.removeAll(keepingCapacity: true)
                eventHead = 0
            }
            return nil
        }
        defer { eventHead += 1 }
        return events[eventHead]
    }

    /// Takes one packet of this stream. The packet's bytes are kept (not
    /// copied) until its frame is emitted.
    public mutating func push(_ packet: RTPPacket, arrivalMicros now: Int64) {
        statistics.packets += 1
        let sequence = sequences.unwrap(packet.sequenceNumber)
        let timestamp = timestamps.unwrap(packet.timestamp)
        var info = PayloadInfo(isFrameStart: false, isKeyframe: false)
        var malformed = false
        if packet.isPaddingOnly {
            statistics.paddingPackets += 1
        } else {
            do { info = try depacketizer.inspect(packet.payload) } catch {
                statistics.malformedPackets += 1
                malformed = true
            }
        }

        if nextSequence == nil {
            nextSequence = sequence
            firstArrival = now
            if isVideo { requestKeyframe() }
        }
        var next = nextSequence!
        if !startReleased && sequence < next && next - sequence <= Int64(mask) && highestSequence - sequence <= Int64(mask) {
            next = sequence  // reordered before the first packet seen: start earlier
            nextSequence = next
        }
        if sequence < next {
            statistics.latePackets += 1
            lateHeld.append((packet, now, sequence))
            if lateHeld.count >= Self.lateRunRestart { restartBehind(now: now) }
            return
        }
        if !lateHeld.isEmpty { lateHeld.removeAll(keepingCapacity: true) }
        if sequence - next > Int64(mask) {
            // Past the ring: give up on everything held, and on a huge jump start afresh.
            forceBefore = highestSequence + 1
            drain(now: now)
            if sequence - nextSequence! > Int64(mask) {
                statistics.sequenceJumps += 1
                nextSequence = sequence
                if isVideo { noteLoss() }
            }
            forceBefore = .min
        }
        let index = Int(truncatingIfNeeded: sequence) & mask
        if let existing = ring[index], existing.sequence == sequence {
            statistics.duplicatePackets += 1
            return
        }
        ring[index] = Slot(
            sequence: sequence, timestamp: timestamp, marker: packet.marker, payload: packet.payload,
            info: info, arrival: now, isPadding: packet.isPaddingOnly, isMalformed: malformed)
        highestSequence = max(highestSequence, sequence)
        drain(now: now)
    }

    /// A run of late packets is a sender that restarted behind us: resolve
    /// what is held, restart at the run's first packet and take the run.
    private mutating func restartBehind(now: Int64) {
        let held = lateHeld
        lateHeld = []
        forceBefore = .max
        drain(now: now)
        forceBefore = .min
        statistics.sequenceJumps += 1
        statistics.latePackets -= held.count
        statistics.packets -= held.count
        let lowest = held.map(\.sequence).min()!
        nextSequence = lowest
        highestSequence = lowest - 1
        droppedTimestamp = nil
        stalledOn = nil
        if isVideo { noteLoss() }
        for (packet, arrival, _) in held { push(packet, arrivalMicros: arrival) }
    }

    /// Lets time pass without a packet, so that gaps can time out.
    public mutating func advance(to now: Int64) {
        drain(now: now)
    }

    /// The stream ended: resolve every gap and emit or drop what is held.
    public mutating func finish() {
        forceBefore = .max
        drain(now: .max)
        forceBefore = .min
    }

    // MARK: - Assembly

    private func slot(_ sequence: Int64) -> Slot? {
        guard let slot = ring[Int(truncatingIfNeeded: sequence) & mask], slot.sequence == sequence else { return nil }
        return slot
    }

    private mutating func consume(through sequence: Int64) {
        var s = nextSequence!
        while s <= sequence {
            ring[Int(truncatingIfNeeded: s) & mask] = nil
            s += 1
        }
        nextSequence = sequence + 1
        stalledOn = nil
    }

    /// Whether waiting for `sequence` has lasted long enough to give up on it.
    private mutating func gaveUpWaiting(for sequence: Int64, now: Int64) -> Bool {
        if sequence < forceBefore { return true }
        if stalledOn != sequence {
            stalledOn = sequence
            stalledSince = now
        }
        return now - stalledSince >= maxWaitMicros
    }

    private mutating func drain(now: Int64) {
        if !startReleased {
            guard let next = nextSequence else { return }
            let forcing = forceBefore != .min
            guard forcing || now - firstArrival >= maxWaitMicros || highestSequence - next >= Int64(mask / 2) else { return }
            startReleased = true
        }
        while let next = nextSequence, next <= highestSequence {
            guard let first = slot(next) else {
                guard gaveUpWaiting(for: next, now: now) else { return }
                statistics.lostPackets += 1
                consume(through: next)
                noteLoss()
                continue
            }
            if first.isPadding {
                consume(through: next)
                continue
            }
            if first.timestamp == droppedTimestamp {
                consume(through: next)  // the rest of a frame already given up on
                continue
            }
            if first.isMalformed || !first.info.isFrameStart {
                drop(timestamp: first.timestamp, reason: first.isMalformed ? .malformed : .missingStart, through: next)
                continue
            }
            // Walk the run of packets that make up this frame.
            var end = next
            var complete = false
            var malformed = false
            while let current = slot(end) {
                if current.isMalformed { malformed = true; break }
                if depacketizer.framesAreSinglePackets || current.marker || current.info.isFrameEnd == true {
                    complete = true
                    break
                }
                guard let following = slot(end + 1) else { break }
                if following.timestamp != first.timestamp || following.isPadding {
                    complete = true  // the frame ended without a marker
                    break
                }
                end += 1
            }
            if malformed {
                drop(timestamp: first.timestamp, reason: .malformed, through: end)
                continue
            }
            if complete {
                emit(from: next, through: end)
                continue
            }
            // Stalled on end + 1: a packet not yet sent, or one that is missing.
            let waitingOn = end + 1
            guard waitingOn <= highestSequence || forceBefore == .max else { return }
            guard gaveUpWaiting(for: waitingOn, now: now) else { return }
            drop(timestamp: first.timestamp, reason: .incomplete, through: end)
        }
    }

    private mutating func emit(from first: Int64, through last: Int64) {
        var data: [UInt8] = []
        var isKeyframe = false
        var width: Int?, height: Int?
        var firstArrival: Int64 = 0, lastArrival: Int64 = 0
        let timestamp = slot(first)!.timestamp
        for s in first...last {
            let packet = slot(s)!
            if s == first {
                firstArrival = packet.arrival
                data.reserveCapacity(packet.payload.count * Int(last - first + 1) + 16)
            }
            lastArrival = packet.arrival
            isKeyframe = isKeyframe || packet.info.isKeyframe
            width = width ?? packet.info.width
            height = height ?? packet.info.height
            do { try depacketizer.append(packet.payload, to: &data) } catch {
                statistics.malformedPackets += 1
                drop(timestamp: timestamp, reason: .malformed, through: last)
                return
            }
        }
        consume(through: last)
        if isKeyframe && isVideo { waitingForKeyframe = false }
        statistics.framesEmitted += 1
        if isKeyframe { statistics.keyframesEmitted += 1 }
        if waitingForKeyframe { statistics.framesWithoutReference += 1 }
        events.append(.frame(AssembledFrame(
            timestamp: timestamp, firstSequence: first, lastSequence: last, firstArrival: firstArrival,
            lastArrival: lastArrival, data: data, isKeyframe: isKeyframe, width: width, height: height,
            referencesIntact: !waitingForKeyframe)))
    }

    private mutating func drop(timestamp: Int64, reason: DroppedFrame.Reason, through last: Int64) {
        let packets = Int(last - nextSequence! + 1)
        consume(through: last)
        droppedTimestamp = timestamp
        statistics.framesDropped += 1
        events.append(.dropped(DroppedFrame(timestamp: timestamp, reason: reason, packets: packets)))
        noteLoss()
    }

    private mutating func noteLoss() {
        guard isVideo, !waitingForKeyframe else { return }
        waitingForKeyframe = true
        requestKeyframe()
    }

    private mutating func requestKeyframe() {
        statistics.keyframeRequests += 1
        events.append(.keyframeNeeded)
    }
}
