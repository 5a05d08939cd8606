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
            while true {
                let stopNow = shouldStop
                if let layout = takePendingLayout() { session.changeLayout(layout) }
                var items: [DumpParser.Item] = []
                while let item = try reader!.next() {
                    items.append(item)
                    if items.count >= 512 { break }
                }
                if stopNow {
                    items += reader!.stopFollowing()
                    ending = true
                }
                for item in items {
                    try session.consume(item)
                    if output == nil, session.durationMicros > 0 { output = try RenderOutput(path: outputPath, settings: settings) }
                    if let output { try session.forEachDueTick { try output.submit($0) } }
                }
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
