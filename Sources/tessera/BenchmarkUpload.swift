import ArgumentParser
import Foundation
import Jobs
import ObjectStorage

/// `tessera benchmark upload FILE`: one file through the uploader a
/// finished job's files take (multipart in bounded parallel parts, each
/// checked by MD5, the object confirmed by HEAD), timed, with the CPU and
/// peak memory of the process (scripts/bench-storage.sh compares it with `aws s3 cp`).
struct BenchmarkUpload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Uploads one file to --storage as a job's file goes; MB/s, CPU seconds and peak memory.")

    @Argument(help: "The file to upload.") var file: String
    @Option(help: "The object's key under the storage prefix.") var key = "bench/upload.bin"
    @OptionGroup(title: "Object storage") var storage: StorageOptions
    @Flag(help: "Print one JSON line.") var json = false

    func run() async throws {
        guard let settings = try storage.settings() else { throw CLIError("benchmark upload needs --storage s3://BUCKET/PREFIX and --s3-endpoint") }
        let size = Int64((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        guard size > 0 else { throw CLIError("\(file) is missing or empty") }
        let uploader = ObjectUploader(client: settings.client(), settings: settings.uploader)
        let started = Date(), cpuBefore = Self.cpuSeconds()
        let receipt: ObjectUploader.Receipt
        do {
            receipt = try await uploader.upload(path: file, bucket: settings.location.bucket, key: settings.location.key(key),
                                                contentType: "application/octet-stream")
        } catch { throw CLIError("the upload failed: \(error)") }
        let seconds = Date().timeIntervalSince(started), cpu = Self.cpuSeconds() - cpuBefore
        let megabytes = Double(size) / 1e6
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMB = Double(usage.ru_maxrss) / 1024
        if json {
            print(#"{"bytes":\#(size),"parts":\#(receipt.parts),"seconds":\#(seconds),"megabytesPerSecond":\#(megabytes / seconds),"cpuSeconds":\#(cpu),"peakRSSMB":\#(peakMB)}"#)
        } else {
            print(String(format: "upload: %.0f MB in %d parts, %.2f s, %.1f MB/s, %.2f CPU s, peak RSS %.0f MB", megabytes, receipt.parts, seconds,
                         megabytes / seconds, cpu, peakMB))
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
