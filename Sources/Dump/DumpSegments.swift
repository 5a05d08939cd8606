import Foundation

/// Joins the dumps of one recording made in turns: a node recorded the
/// first segment and was lost, another joined the source again and recorded
/// the next. The result is one dump on the first segment's time axis. Each
/// later segment's times are moved by the difference of the anchors (both
/// are wall-clock instants), its track ids follow the earlier ones, and
/// where a segment stops, its tracks end and its participants leave: the
/// time between segments is a gap in the composite, with no media made up.
public enum DumpSegments {
    public struct Summary: Equatable, Sendable {
        public var segments: Int
        public var records: Int
        /// Time between the end of one segment and the start of the next, in microseconds.
        public var gapsMicros: [Int64]
    }

    public static func join(_ segments: [String], into output: String) throws -> Summary {
        guard let first = segments.first else { throw DumpError.io("no segments to join") }
        let firstReader = try DumpFileReader(path: first)
        guard case let .header(header)? = try firstReader.next() else { throw DumpError.io("\(first) has no dump header") }
        let writer = try DumpWriter(path: output, header: header, flushIntervalMicros: 10_000_000, synchronizes: false)
        var summary = Summary(segments: 0, records: 0, gapsMicros: [])
        var trackBase: UInt16 = 0
        var previousEnd: Int64?
        for (index, path) in segments.enumerated() {
            let reader = index == 0 ? firstReader : try DumpFileReader(path: path)
            var shift: Int64 = 0
            if index > 0 {
                guard case let .header(later)? = try reader.next() else { throw DumpError.io("\(path) has no dump header") }
                shift = later.anchorWallClockMicros &- header.anchorWallClockMicros
            }
            var segment = Segment(trackBase: trackBase)
            while let item = try reader.next() {
                guard case let .record(timed) = item else { continue }
                let time = timed.time.addingReportingOverflow(shift)
                guard !time.overflow else { throw DumpError.io("\(path): times too far from the first segment's") }
                if index > 0, case .session = timed.record { continue }  // one session record: the first segment's
                if segment.firstTime == nil, let previousEnd { summary.gapsMicros.append(Swift.max(0, time.partialValue - previousEnd)) }
                try writer.write(try segment.renumbered(timed.record), time: time.partialValue)
                segment.saw(timed.record, at: time.partialValue)
                summary.records += 1
            }
            if let end = segment.lastTime {
                for record in segment.closing() { try writer.write(record, time: end) }
                previousEnd = end
            }
            trackBase = segment.highestTrack
            summary.segments += 1
        }
        try writer.close()
        return summary
    }

    /// One segment as it is copied: its tracks' new ids, and who is still there.
    private struct Segment {
        let trackBase: UInt16
        var highestTrack: UInt16
        var firstTime: Int64?
        var lastTime: Int64?
        var openTracks: Set<UInt16> = []
        var present: [String] = []

        init(trackBase: UInt16) {
            self.trackBase = trackBase
            highestTrack = trackBase
        }

        func track(_ id: UInt16) throws -> UInt16 {
            let (moved, overflow) = id.addingReportingOverflow(trackBase)
            guard !overflow else { throw DumpError.io("too many tracks across the segments") }
            return moved
        }

        func renumbered(_ record: DumpRecord) throws -> DumpRecord {
            switch record {
            case var .track(track):
                track.id = try self.track(track.id)
                return .track(track)
            case let .rtp(id, bytes): return .rtp(track: try track(id), bytes: bytes)
            case let .rtcp(id, bytes): return .rtcp(track: try track(id), bytes: bytes)
            case var .event(event):
                event.trackID = try event.trackID.map(track)
                return .event(event)
            case .session, .unknown: return record
            }
        }

        mutating func saw(_ record: DumpRecord, at time: Int64) {
            if firstTime == nil { firstTime = time }
            lastTime = Swift.max(lastTime ?? time, time)
            switch record {
            case let .track(track):
                if let id = try? self.track(track.id) {
                    openTracks.insert(id)
                    highestTrack = Swift.max(highestTrack, id)
                }
            case let .event(event):
                switch event.kind {
                case .participantJoined: if let who = event.participantID, !present.contains(who) { present.append(who) }
                case .participantLeft: present.removeAll { $0 == event.participantID }
                case .trackEnded: if let id = event.trackID.flatMap({ try? self.track($0) }) { openTracks.remove(id) }
                default: break
                }
            default: break
            }
        }

        /// Where the segment stops: what was still open ends.
        func closing() -> [DumpRecord] {
            openTracks.sorted().map { .event(DumpEvent(kind: .trackEnded, trackID: $0, detail: "the node recording it was lost")) }
                + present.map { .event(DumpEvent(kind: .participantLeft, participantID: $0)) }
        }
    }
}
