import ArgumentParser
import Dump
import Foundation
import Media
import Render

/// `tessera benchmark live`: how many live composites the machine keeps
/// in real time. Each recording replays a finished dump into a new dump file
/// at the pace it was recorded (as the receive path would write it), while
/// a `LiveRender` — the service's live composite — tails it. Reports, per
/// recording, how far the output fell behind, the time from stop to a
/// finished file, and the process's CPU and peak RSS.
struct BenchmarkLive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live", abstract: "Concurrent live composites in real time: lag, stop-to-file time, CPU and RSS.")

    @Option(help: "The dump to replay (e.g. bench-out/render/four.rtpd).") var dump: String
    @Option(help: "Concurrent recordings.") var recordings = 3
    @Option(help: "Seconds of the dump to replay (the dump's length at most).") var seconds = 60.0
    @Option(help: "Output size.") var size = "1280x720"
    @Option(help: "Encoder threads per recording (0: libx264 chooses).") var encoderThreads = 0
    @Option(help: "Where the dumps and outputs go.") var work = "/tmp/tessera-bench-live"
    @Option(help: "Layout of the composites (grid, speaker, presentation, …).") var layout = "grid"
    @Option(help: "Replay each participant this many times (as participants of their own): 2 makes 8 of a 4-participant dump.") var copies = 1
    @Option(help: "Also write each composite as HLS with segments of this many seconds (from the same encode).") var hls: Int?
    @Option(help: "Also stream each composite live to this RTMP application (rtmp://host:port/app; recording N uses the key bench-N), from the same encode.")
    var rtmp: String?
    @Flag(help: "Print one JSON line.") var json = false

    struct Result: Encodable {
        var recordings: Int
        var seconds: Double
        var maxLagSeconds: [Double]
        var stopToFileSeconds: [Double]
        var outputSeconds: [Double]
        /// Output frames each composite did not draw because it was behind (`LivePacing`).
        var framesSkippedBehind: [Int]
        var realTime: Bool
        var cpuCoresUsed: Double
        var cpuSecondsPerRecordingSecond: Double
        var peakRSSMegabytes: Double
        var baselineRSSMegabytes: Double
        var rssPerRecordingMegabytes: Double
        /// Each live stream's state when the replay ended (with --rtmp).
        var streams: [String]?
    }

    func run() throws {
        LibavLogging.set(verbose: false)
        let dimensions = size.split(separator: "x").compactMap { Int($0) }
        guard dimensions.count == 2 else { throw ValidationError("--size WIDTHxHEIGHT") }
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // The records to replay, with their times.
        let reader = try DumpFileReader(path: dump)
        var records: [TimedDumpRecord] = []
        while let item = try reader.next() {
            if case let .record(timed) = item, Double(timed.time) <= seconds * 1_000_000 { records.append(timed) }
        }
        guard !records.isEmpty else { throw ValidationError("\(dump) holds no records") }
        if copies > 1 { records = Self.multiplied(records, copies: copies) }
        let baseline = Self.residentHighWaterMark()
        var settings = RenderSettings(layout: try Layout.load(layout), container: .mp4, width: dimensions[0], height: dimensions[1], fps: 30)
        settings.latencyMicros = 1_000_000
        settings.video.threads = encoderThreads
        settings.posterPath = nil
        let cpuBefore = Self.cpuSeconds()
        let started = Date()
        var writers: [LiveDumpWriter] = []
        var renders: [LiveRender] = []
        var streamSets: [LiveStreams] = []
        for index in 0..<recordings {
            let path = "\(work)/live-\(index).rtpd"
            writers.append(try LiveDumpWriter(path: path, header: DumpHeader(anchorWallClockMicros: Int64(Date().timeIntervalSince1970 * 1_000_000))))
            var own = settings
            if let hls { own.addHLS(playlist: "\(work)/live-\(index).m3u8", prefix: "live-\(index)", segmentSeconds: hls) }
            if let rtmp {
                let streams = LiveStreams(urls: [rtmp + "/bench-\(index)"]) { _ in }
                own.streams = streams
                streamSets.append(streams)
            }
            let render = LiveRender(dump: path, output: "\(work)/live-\(index).mp4", settings: own)
            render.start()
            renders.append(render)
        }
        // Lag is measured against the session's clock: output 0 is the first media record.
        let firstMedia = Double(records.first { if case .rtp = $0.record { true } else { false } }?.time ?? 0) / 1_000_000
        // Replay at the recorded pace, into every dump; sample the lag every second.
        var maxLag = [Double](repeating: 0, count: recordings)
        var nextSample = 2.0
        for record in records {
            let due = Double(record.time) / 1_000_000
            while true {
                let now = Date().timeIntervalSince(started)
                if now >= nextSample {
                    for (index, render) in renders.enumerated() { maxLag[index] = Swift.max(maxLag[index], now - firstMedia - render.progressSeconds) }
                    if !json { FileHandle.standardError.write(Data(String(format: "\r%.0f s replayed, output %@", now, renders.map { String(format: "%.1f", $0.progressSeconds) }.joined(separator: " / ")).utf8)) }
                    nextSample += 1
                }
                if now >= due { break }
                usleep(UInt32(Swift.min(5_000, (due - now) * 1_000_000)))
            }
            for writer in writers { try writer.append(record.record, time: record.time) }
        }
        for writer in writers { try writer.close() }
        // Streams live to the end, and how often they had to reconnect.
        let streamStates = streamSets.flatMap(\.statuses).map { "\($0.state.rawValue), \($0.reconnects) reconnects" }
        // Stop: every composite finishes its last latency window and its encoder tail.
        var stopTimes: [Double] = [], durations: [Double] = []
        let stopped = Date()
        let group = DispatchGroup()
        let results = Finished(count: recordings)
        for (index, render) in renders.enumerated() {
            group.enter()
            Thread.detachNewThread {
                let summary = try? render.finish()
                results.set(index, stop: Date().timeIntervalSince(stopped), duration: summary?.durationSeconds ?? 0,
                            skipped: summary?.framesSkippedBehind ?? 0)
                group.leave()
            }
        }
        group.wait()
        let skipped: [Int]
        (stopTimes, durations, skipped) = results.values
        let wall = Date().timeIntervalSince(started)
        let cpu = Self.cpuSeconds() - cpuBefore
        let peak = Self.residentHighWaterMark()
        let replayed = Double(records.last!.time) / 1_000_000
        // Real time: the output kept within 1 s (the latency) + 1 s of the input with every frame drawn, and every file was ready within 2 s.
        let result = Result(recordings: recordings, seconds: replayed, maxLagSeconds: maxLag, stopToFileSeconds: stopTimes,
                            outputSeconds: durations, framesSkippedBehind: skipped,
                            realTime: maxLag.allSatisfy { $0 < 2.5 } && stopTimes.allSatisfy { $0 < 2 } && skipped.allSatisfy { $0 == 0 },
                            cpuCoresUsed: cpu / wall, cpuSecondsPerRecordingSecond: cpu / (replayed * Double(recordings)),
                            peakRSSMegabytes: peak, baselineRSSMegabytes: baseline,
                            rssPerRecordingMegabytes: (peak - baseline) / Double(recordings),
                            streams: streamStates.isEmpty ? nil : streamStates)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print("")
            print("\(recordings) live composites of \(String(format: "%.0f", replayed)) s (\(size)): real time \(result.realTime ? "yes" : "no")")
            print("  max lag behind the input: \(maxLag.map { String(format: "%.2f s", $0) }.joined(separator: ", "))")
            print("  stop → file ready: \(stopTimes.map { String(format: "%.2f s", $0) }.joined(separator: ", "))")
            print("  output durations: \(durations.map { String(format: "%.2f s", $0) }.joined(separator: ", "))")
            if !streamStates.isEmpty { print("  streams at the stop: \(streamStates.joined(separator: "; "))") }
            print("  frames not drawn to keep up: \(skipped.map(String.init).joined(separator: ", "))")
            print(String(format: "  CPU: %.2f cores, %.3f CPU-s per recording-second", result.cpuCoresUsed, result.cpuSecondsPerRecordingSecond))
            print(String(format: "  peak RSS %.0f MB (%.0f MB before), %.0f MB per recording", peak, baseline, result.rssPerRecordingMegabytes))
        }
    }

    /// Every participant's records `copies` times, copy k under track ids
    /// shifted by k × 1000 and participant ids suffixed "-k".
    static func multiplied(_ records: [TimedDumpRecord], copies: Int) -> [TimedDumpRecord] {
        var out: [TimedDumpRecord] = []
        for timed in records {
            for copy in 0..<copies {
                let shift = UInt16(copy * 1000), suffix = copy == 0 ? "" : "-\(copy)"
                var record = timed
                switch timed.record {
                case var .track(track):
                    track.id += shift
                    track.participantID += suffix
                    record.record = .track(track)
                case let .rtp(id, bytes): record.record = .rtp(track: id + shift, bytes: bytes)
                case let .rtcp(id, bytes): record.record = .rtcp(track: id + shift, bytes: bytes)
                case var .event(event):
                    event.participantID = event.participantID.map { $0 + suffix }
                    event.trackID = event.trackID.map { $0 + shift }
                    record.record = .event(event)
                case .session, .unknown:
                    if copy > 0 { continue }
                }
                out.append(record)
            }
        }
        return out
    }

    /// Each recording's stop-to-file time and output duration, set from its finishing thread.
    final class Finished: @unchecked Sendable {  // guarded by `lock`
        private let lock = NSLock()
        private var stops: [Double], durations: [Double], skipped: [Int]
        init(count: Int) {
            stops = Array(repeating: 0, count: count)
            durations = Array(repeating: 0, count: count)
            skipped = Array(repeating: 0, count: count)
        }
        func set(_ index: Int, stop: Double, duration: Double, skipped frames: Int) {
            lock.lock()
            stops[index] = stop
            durations[index] = duration
            skipped[index] = frames
            lock.unlock()
        }
        var values: ([Double], [Double], [Int]) {
            lock.lock()
            defer { lock.unlock() }
            return (stops, durations, skipped)
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// VmHWM from /proc/self/status, in MB.
    static func residentHighWaterMark() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}
