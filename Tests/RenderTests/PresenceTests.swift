@testable import Dump
import Media
import Testing
@testable import Render

/// A participant who leaves and comes back (a recording continued by
/// another node, a publisher that rejoins): the time away stays empty in
/// the composite, even though the return is read before those ticks are drawn.
@Suite struct PresenceTests {
    /// G.711 every 20 ms on `track` from `from` to `to` seconds.
    static func packets(track: UInt16, from: Int, to: Int) -> [DumpParser.Item] {
        (from * 50..<to * 50).map { index in
            let sequence = UInt16(truncatingIfNeeded: index), timestamp = UInt32(index * 160)
            let header: [UInt8] = [0x80, 0, UInt8(sequence >> 8), UInt8(sequence & 0xff),
                                   UInt8(timestamp >> 24), UInt8((timestamp >> 16) & 0xff), UInt8((timestamp >> 8) & 0xff), UInt8(timestamp & 0xff),
                                   0, 0, 0, UInt8(track)]
            let packet = header + [UInt8](repeating: 0xff, count: 160)
            return .record(TimedDumpRecord(time: Int64(index) * 20_000, record: .rtp(track: track, bytes: packet[...]), offset: 0))
        }
    }

    static func event(_ kind: DumpEvent.Kind, at seconds: Int64, track: UInt16? = nil) -> DumpParser.Item {
        .record(TimedDumpRecord(time: seconds * 1_000_000, record: .event(DumpEvent(kind: kind, participantID: "p", trackID: track)), offset: 0))
    }

    static func track(_ id: UInt16, at seconds: Int64) -> DumpParser.Item {
        .record(TimedDumpRecord(time: seconds * 1_000_000,
                                record: .track(DumpTrack(id: id, participantID: "p", kind: .audio, codec: "PCMU", clockRate: 8000, payloadType: 0)), offset: 0))
    }

    @Test func timeAwayIsEmptyInTheComposite() throws {
        var settings = RenderSettings(layout: try Layout.load("grid"), container: .mp4, width: 160, height: 120, fps: 10)
        settings.detectAudioChannels = false
        let session = try RenderSession(settings: settings)
        // Here 0–2 s, away (their tracks end, they leave) until 6 s, back 6–8 s on a new track: as two joined turns are.
        let items = [Self.event(.participantJoined, at: 0), Self.track(1, at: 0)] + Self.packets(track: 1, from: 0, to: 2)
            + [Self.event(.trackEnded, at: 2, track: 1), Self.event(.participantLeft, at: 2)]
            + [Self.event(.participantJoined, at: 6), Self.track(2, at: 6)] + Self.packets(track: 2, from: 6, to: 8)
        var pictures: [Int64: YUVColor] = [:]
        for item in items {
            try session.consume(item)
            try session.forEachDueTick { tick in if let picture = tick.picture { pictures[tick.index] = picture.sample(x: 80, y: 60) } }
        }
        session.finish()
        try session.forEachDueTick { tick in if let picture = tick.picture { pictures[tick.index] = picture.sample(x: 80, y: 60) } }
        let here = try #require(pictures[10]), away = try #require(pictures[40]), back = try #require(pictures[70])
        #expect(here != away, "their tile is gone while they are away: \(here) at 1 s, \(away) at 4 s")
        #expect(back == here, "and back when they are: \(back) at 7 s")
        #expect(pictures[30] == away && pictures[55] == away, "the whole time away: \(String(describing: pictures[30])) \(String(describing: pictures[55]))")
    }
}
