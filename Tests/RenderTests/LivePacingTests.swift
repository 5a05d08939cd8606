@testable import Dump
import Testing
@testable import Render

/// A live render behind the call draws fewer frames, and only a live one.
@Suite struct LivePacingTests {
    @Test(arguments: [
        (Int64(0), 1), (999_999, 1), (1_000_000, 2), (2_999_999, 2), (3_000_000, 4), (5_999_999, 4), (6_000_000, 15), (Int64.max, 15),
    ]) func strideGrowsWithTheLag(_ lag: Int64, _ stride: Int) {
        #expect(LivePacing.stride(backlogMicros: lag, fps: 30) == stride)
    }

    @Test func atLeastOneFrameInStrideIsDrawnAndTheFirstAlways() {
        #expect((0..<30).filter { LivePacing.draws(Int64($0), stride: 4) } == [0, 4, 8, 12, 16, 20, 24, 28])
        #expect(LivePacing.draws(7, stride: 1) && LivePacing.draws(0, stride: 15) && !LivePacing.draws(1, stride: 15))
        #expect(LivePacing.stride(backlogMicros: .max, fps: 1) == 1, "never a stride of zero")
    }

    /// Three seconds of G.711 from one participant, every 20 ms.
    static func items() -> [DumpParser.Item] {
        let track = DumpTrack(id: 1, participantID: "p", kind: .audio, codec: "PCMU", clockRate: 8000, payloadType: 0)
        var items: [DumpParser.Item] = [.record(TimedDumpRecord(time: 0, record: .track(track), offset: 0))]
        for index in 0..<150 {
            let sequence = UInt16(index), timestamp = UInt32(index * 160)
            let header: [UInt8] = [0x80, 0, UInt8(sequence >> 8), UInt8(sequence & 0xff),
                                   UInt8(timestamp >> 24), UInt8((timestamp >> 16) & 0xff), UInt8((timestamp >> 8) & 0xff), UInt8(timestamp & 0xff),
                                   0, 0, 0, 7]
            let packet = header + [UInt8](repeating: 0xff, count: 160)
            items.append(.record(TimedDumpRecord(time: Int64(index) * 20_000, record: .rtp(track: 1, bytes: packet[...]), offset: 0)))
        }
        return items
    }

    func render(skipping: Bool, lag: Int64) throws -> (ticks: [RenderSession.Tick], summary: RenderSummary) {
        var settings = RenderSettings(layout: try Layout.load("grid"), container: .mp4, width: 160, height: 120, fps: 10)
        settings.skipFramesWhenBehind = skipping
        settings.detectAudioChannels = false
        let session = try RenderSession(settings: settings)
        session.inputLagMicros = lag
        var ticks: [RenderSession.Tick] = []
        for item in Self.items() {
            try session.consume(item)
            try session.forEachDueTick { ticks.append($0) }
        }
        session.finish()
        try session.forEachDueTick { ticks.append($0) }
        return (ticks, session.finalSummary())
    }

    @Test func aSessionBehindTheCallSkipsDrawingButKeepsEveryTickAndItsAudio() throws {
        let behind = try render(skipping: true, lag: 10_000_000)
        let drawn = behind.ticks.filter { $0.picture != nil }.map(\.index)
        #expect(behind.ticks.count >= 29 && drawn == behind.ticks.map(\.index).filter { $0 % 5 == 0 }, "drawn: \(drawn)")
        #expect(behind.summary.framesSkippedBehind == behind.ticks.count - drawn.count)
        #expect(behind.ticks.allSatisfy { !$0.audio.isEmpty }, "audio goes on in every tick")

        let batch = try render(skipping: false, lag: 10_000_000)
        #expect(batch.ticks.count == behind.ticks.count && batch.ticks.allSatisfy { $0.picture != nil } && batch.summary.framesSkippedBehind == 0,
                "a batch render never skips")
        let keepingUp = try render(skipping: true, lag: 0)
        #expect(keepingUp.ticks.allSatisfy { $0.picture != nil }, "a live render that keeps up draws every frame")
    }

    /// The lag is measured only while the reader has more than a batch to read, from when it last caught up.
    @Test func theLagClockCountsOnlyWhileBehind() {
        var clock = LiveRender.LagClock()
        #expect(clock.lag(newestRecord: nil, now: 0, caughtUp: false) == 0)
        clock.consumed(newestRecord: 1_000, now: 10_000, caughtUp: true)
        #expect(clock.lag(newestRecord: 2_000, now: 5_010_000, caughtUp: false) == 4_999_000, "5 s of clock, 1 ms of records")
        #expect(clock.lag(newestRecord: 2_000, now: 5_010_000, caughtUp: true) == 0)
        clock.consumed(newestRecord: 3_000_000, now: 30_000_000, caughtUp: true)
        #expect(clock.lag(newestRecord: 3_500_000, now: 30_600_000, caughtUp: false) == 100_000, "a quiet spell before catching up is not a lag")
    }
}
