import Dump
import Foundation

/// Renders a finished dump file to an output file as fast as it can: the
/// batch driver around `RenderSession` and `RenderOutput`.
public struct Renderer {
    public var settings: RenderSettings
    /// Called now and then with the fraction of the dump read (0…1) and the
    /// output seconds written so far.
    public var progress: ((Double, Double) -> Void)?
    /// Asked every few output frames: a reason to stop now (the disk is
    /// nearly full, the job was cancelled), or nil to go on.
    public var shouldStop: (() -> String?)?

    public init(settings: RenderSettings) { self.settings = settings }

    public func render(dump path: String, to output: String) throws -> RenderSummary {
        let started = Date()
        func check() throws {
            if let reason = shouldStop?() { throw RenderError(reason) }
        }
        var settings = self.settings
        if settings.detectAudioChannels {
            settings.audio.channels = (try? AudioChannelProbe.channels(inDump: path)) ?? 2
        }
        let size = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 1)
        let reader: DumpFileReader
        do { reader = try DumpFileReader(path: path, chunkSize: 1 << 20) } catch { throw RenderError("cannot read \(path): \(error)") }
        let session = try RenderSession(settings: settings)
        // Read the first records before opening the output, so that a bad
        // dump (an unsupported codec, no media) fails without an empty file.
        var items: [DumpParser.Item] = []
        while items.count < 64, let item = try reader.next() { items.append(item) }
        for item in items { try session.consume(item) }
        let out = try RenderOutput(path: output, settings: settings)
        do {
            var lastReport = Date.distantPast
            var written = 0
            func submit(_ tick: RenderSession.Tick) throws {
                try out.submit(tick)
                written += 1
                if written % 64 == 0 { try check() }
            }
            while let item = try reader.next() {
                try session.consume(item)
                try session.forEachDueTick(submit)
                if session.isComplete { break }
                if let progress, Date().timeIntervalSince(lastReport) > 0.25 {
                    lastReport = Date()
                    progress(Double(reader.offset) / size, Double(written) / Double(settings.fps))
                }
            }
            session.finish()
            try session.forEachDueTick(submit)
            guard session.summary.framesWritten > 0 else { throw RenderError("\(path) holds no media to render") }
            try out.finish()
        } catch {
            out.abandon()
            throw error
        }
        var summary = session.finalSummary()
        progress?(1, summary.durationSeconds)
        summary.output = output
        summary.wallSeconds = Date().timeIntervalSince(started)
        return summary
    }
}
