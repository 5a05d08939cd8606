import RTP

/// Decides which missing packets of one stream to ask for again with
/// generic NACKs (RFC 4585 §6.2.1), sans-I/O: sequence numbers and the time
/// come in, the packets to request come out.
///
/// A gap is first given `reorderDelay` to fill by itself — packets that
/// arrive out of order are not lost, and asking for them only doubles
/// traffic — then asked for, again every `retryInterval` (about a round
/// trip) up to `maximumRequests` times, and given up after `maximumAge` (the
/// frame assembler will have stopped waiting by then anyway). The reorder
/// delay grows to the largest reordering seen (up to `maximumReorderDelay`),
/// like libwebrtc's reordering-aware NACK module.
public struct NackGenerator: Sendable {
    public struct Statistics: Equatable, Sendable {
        /// Sequence numbers found missing, requested at least once, arrived
        /// after a request, and given up on.
        public var missing = 0
        public var requested = 0
        public var recovered = 0
        public var givenUp = 0
        /// Missing packets that arrived late before any request: reordering, not loss.
        public var reordered = 0
        /// Times the bookkeeping reached `maximumMissing` and dropped its gaps.
        public var capped = 0
    }

    private struct Gap {
        var firstSeen: Int64
        var lastRequest: Int64?
        var requests = 0
    }

    public var retryIntervalMicros: Int64
    public private(set) var reorderDelayMicros: Int64
    public var maximumReorderDelayMicros: Int64 = 100_000
    public var maximumRequests: Int
    public var maximumAgeMicros: Int64
    /// More missing packets than this at once is a sender reset, not loss.
    public var maximumGap = 500
    /// The most sequence numbers waited for at once, across all gaps.
    public static let maximumMissing = 1_000
    /// Sequence numbers waited for now.
    public var pendingCount: Int { gaps.count }
    public private(set) var statistics = Statistics()
    private var unwrapper = SequenceUnwrapper()
    private var highest: Int64?
    private var gaps: [Int64: Gap] = [:]

    public init(retryIntervalMicros: Int64 = 100_000, maximumRequests: Int = 4, maximumAgeMicros: Int64 = 1_000_000,
                reorderDelayMicros: Int64 = 10_000) {
        self.retryIntervalMicros = retryIntervalMicros
        self.reorderDelayMicros = reorderDelayMicros
        self.maximumRequests = maximumRequests
        self.maximumAgeMicros = maximumAgeMicros
    }

    /// Notes a packet (original or retransmission) that arrived at `now`.
    public mutating func received(_ sequenceNumber: UInt16, now: Int64) {
        let sequence = unwrapper.unwrap(sequenceNumber)
        guard let last = highest else {
            highest = sequence
            return
        }
        if sequence > last {
            let missingCount = sequence - last - 1
            if missingCount > Int64(maximumGap) {
                statistics.givenUp += gaps.count
                gaps.removeAll()  // a jump: the sender restarted
            } else if missingCount > 0 {
                // A sender that opens gap after gap (lossy or hostile) must not
                // grow the bookkeeping without bound: past the cap, the old
                // gaps are given up (the frames they belong to are lost anyway).
                if gaps.count + Int(missingCount) > Self.maximumMissing {
                    statistics.capped += 1
                    statistics.givenUp += gaps.count
                    gaps.removeAll()
                }
                for missing in (last + 1)..<sequence { gaps[missing] = Gap(firstSeen: now) }
                statistics.missing += Int(missingCount)
            }
            highest = sequence
        } else if let gap = gaps.removeValue(forKey: sequence) {
            if gap.requests > 0 {
                statistics.recovered += 1
            } else {
                statistics.reordered += 1
                let late = now.saturatingSubtract(gap.firstSeen)
                if late >= reorderDelayMicros { reorderDelayMicros = Swift.min(maximumReorderDelayMicros, late.saturatingAdd(late / 4)) }
            }
        }
    }

    /// The sequence numbers to request now, in order (each at most once per
    /// retry interval).
    public mutating func due(now: Int64) -> [UInt16] {
        guard !gaps.isEmpty else { return [] }  // the usual case, every 10 ms per stream
        var due: [UInt16] = []
        for (sequence, gap) in gaps.sorted(by: { $0.key < $1.key }) {
            // Saturating: times are the caller's clock, but no clock jump may trap here.
            let age = now.saturatingSubtract(gap.firstSeen), sinceRequest = now.saturatingSubtract(gap.lastRequest ?? now)
            if age > maximumAgeMicros || gap.requests >= maximumRequests && sinceRequest >= retryIntervalMicros {
                gaps[sequence] = nil
                statistics.givenUp += 1
                continue
            }
            guard gap.requests < maximumRequests, age >= reorderDelayMicros,
                  gap.lastRequest == nil || sinceRequest >= retryIntervalMicros else { continue }
            gaps[sequence]!.lastRequest = now
            gaps[sequence]!.requests += 1
            if gap.requests == 0 { statistics.requested += 1 }
            due.append(UInt16(truncatingIfNeeded: sequence))
        }
        return due
    }

    /// Packs sequence numbers into NACK items: a packet id and a bitmask of
    /// the following 16 (RFC 4585 §6.2.1).
    public static func items(for sequences: [UInt16]) -> [RTCPNack.Item] {
        var items: [RTCPNack.Item] = []
        for sequence in sequences {
            if var last = items.last, case let offset = sequence &- last.packetID, offset >= 1 && offset <= 16 {
                last.bitmask |= 1 << (offset - 1)
                items[items.count - 1] = last
            } else {
                items.append(RTCPNack.Item(packetID: sequence, bitmask: 0))
            }
        }
        return items
    }
}
