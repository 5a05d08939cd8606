import Dump
import Foundation

/// Renders a dump while it is being written: a thread tails the file a
/// fixed latency behind its newest record (`RenderSettings.latencyMicros`)
/// and encodes as it goes, so when the recording stops only the last
/// latency window and the encoders' tails are left to do. Same
/// `RenderSession` as a batch render, so a re-render of the finished dump
/// gives the same pictures.
///
/// `@unchecked Sendable`: the render state is the thread's own; the
/// flags and results are guarded by `condition`.
public final class LiveRender: @unchecked Sendable {
    public let dumpPath: String
    public let outputPath: String
    public let settings: RenderSettings
    private let pollMicros: UInt32
    private let condition = NSCondition()
    private var stopping = false
    private var done = false
    private var result: Result<RenderSummary, Error>?
    private var secondsWritten = 0.0
    private var thread: Thread?
    private var pendingLayout: Layout?

    public init(dump dumpPath: String, output outputPath: String, settings: RenderSettings, pollMicros: UInt32 = 100_000) {
        self.dumpPath = dumpPath
        self.outputPath = outputPath
        var settings = settings
        // Nothing to probe yet: a live render mixes in stereo.
        settings.detectAudioChannels = false
        settings.audio.channels = 2
        // On a machine too busy to keep up, fewer pictures rather than a render a whole call behind.
        settings.skipFramesWhenBehind = true
        // A live encode keeps up frame by frame: no lookahead or B-frames to
        // wait for. With x264 this costs about a fifth less CPU and half the
        // memory per recording (BENCHMARKS.md), for slightly larger files.
        if settings.video.codec == .h264 && settings.video.tune == nil { settings.video.tune = "zerolatency" }
        self.settings = settings
        self.pollMicros = pollMicros
    }

    public func start() {
        let thread = Thread { [self] in
            let result = Result { try self.run() }
            self.condition.lock()
            self.result = result
            self.done = true
            self.condition.broadcast()
            self.condition.unlock()
        }
        thread.name = "tessera-live-render"
        self.thread = thread
        thread.start()
    }

    /// Switches layout from the next frame the thread composites.
    public func changeLayout(_ layout: Layout) {
        condition.lock()
        pendingLayout = layout
        condition.unlock()
    }

    private func takePendingLayout() -> Layout? {
        condition.lock()
        defer { condition.unlock() }
        let layout = pendingLayout
        pendingLayout = nil
        return layout
    }

    /// Output seconds encoded so far.
    public var progressSeconds: Double {
        condition.lock()
        defer { condition.unlock() }
        return secondsWritten
    }

    /// Whether the thread has ended on its own (an error) before `finish`.
    public var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return done
    }

    /// The writer has closed the dump: render the rest and finish the file.
    /// Blocks until it is on disk (call it off any event loop).
    public func finish() throws -> RenderSummary {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !done { condition.wait() }
        let result = self.result!
        condition.unlock()
        return try result.get()
    }

    private var shouldStop: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func pause() {
        condition.lock()
        if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: Double(pollMicros) / 1_000_000)) }
        condition.unlock()
    }

    /// The dump is written as media arrives, so the records' arrival times
    /// run with the clock. While the reader has more to read than a batch,
    /// how far the newest record read trails the clock (since the reader was
    /// last caught up) is how far the render is behind the call.
    struct LagClock {
        private var anchor: (record: Int64, clock: Int64)?

        /// The lag before a batch is consumed; `caughtUp`: the batch reaches the end of what is written.
        func lag(newestRecord: Int64?, now: Int64, caughtUp: Bool) -> Int64 {
            guard !caughtUp, let newestRecord, let anchor else { return 0 }
            return Swift.max(0, now.saturatingSubtract(anchor.clock).saturatingSubtract(newestRecord.saturatingSubtract(anchor.record)))
        }

        /// After a batch: when the reader is caught up, the lag starts from zero again.
        mutating func consumed(newestRecord: Int64?, now: Int64, caughtUp: Bool) {
            guard let newestRecord else { return }
            if caughtUp || anchor == nil { anchor = (newestRecord, now) }
        }
    }

    static func monotonicMicros() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
    }

    private func run() throws -> RenderSummary {
        let started = Date()
        // The recorder creates the dump before the render starts, but be patient anyway.
        var reader: DumpFileReader?
        while reader == nil {
            reader = try? DumpFileReader(path: dumpPath, follow: true, chunkSize: 1 << 20)
            if reader == nil {
                if shouldStop { throw RenderError("\(dumpPath) was never written") }
                pause()
            }
        }
        let session = try RenderSession(settings: settings)
        var output: RenderOutput?
        do {
            var ending = false
            var pacing = LagClock()
            while true {
                let stopNow = shouldStop
                if let layout = takePendingLayout() { session.changeLayout(layout) }
                var items: [DumpParser.Item] = []
                while let item = try reader!.next() {
                    items.append(item)
                    if items.count >= 512 { break }
                }
                let caughtUp = items.count < 512
                session.inputLagMicros = pacing.lag(newestRecord: session.newestRecordMicros, now: Self.monotonicMicros(), caughtUp: caughtUp)
                if stopNow {
                    items += reader!.stopFollowing()
                    ending = true
                }
                for item in items {
                    try session.consume(item)
                    if output == nil, session.durationMicros > 0 { output = try RenderOutput(path: outputPath, settings: settings) }
                    if let output { try session.forEachDueTick { try output.submit($0) } }
                }
                pacing.consumed(newestRecord: session.newestRecordMicros, now: Self.monotonicMicros(), caughtUp: caughtUp)
                if let output {
                    condition.lock()
                    secondsWritten = Double(output.ticksWritten) / Double(settings.fps)
                    condition.unlock()
                }
                if ending { break }
                if items.isEmpty { pause() }
            }
            session.finish()
            guard let output else { throw RenderError("\(dumpPath) holds no media to render") }
            try session.forEachDueTick { try output.submit($0) }
            guard session.summary.framesWritten > 0 else {
                output.abandon()
                throw RenderError("\(dumpPath) holds no media to render")
            }
            try output.finish()
        } catch {
            output?.abandon()
            throw error
        }
        var summary = session.finalSummary()
        summary.output = outputPath
        summary.wallSeconds = Date().timeIntervalSince(started)
        return summary
    }
}
