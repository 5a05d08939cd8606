import Foundation
import Testing

/// Looks at rendered files with ffprobe and ffmpeg (an independent decoder).
enum MediaProbe {
    struct Stream: Decodable {
        var codec_name: String
        var codec_type: String
        var width: Int?
        var height: Int?
        var channels: Int?
        var duration: String?
        var nb_read_frames: String?
        var avg_frame_rate: String?
    }

    struct Format: Decodable { var duration: String }
    struct Probe: Decodable {
        var streams: [Stream]
        var format: Format
        var video: Stream? { streams.first { $0.codec_type == "video" } }
        var audio: Stream? { streams.first { $0.codec_type == "audio" } }
        var duration: Double { Double(format.duration) ?? 0 }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(executable)")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Issue.record("\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return data
    }

    static func probe(_ path: String) throws -> Probe {
        let data = try run("ffprobe", ["-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json", path])
        return try JSONDecoder().decode(Probe.self, from: data)
    }

    /// The frame shown at `seconds`, as RGB24 rows.
    struct Picture {
        var width: Int, height: Int, rgb: [UInt8]

        /// Mean color of a square of side `size` centered at (x, y).
        func color(x: Int, y: Int, size: Int = 16) -> (r: Int, g: Int, b: Int) {
            var sum = (0, 0, 0), count = 0
            for row in (y - size / 2)..<(y + size / 2) {
                for column in (x - size / 2)..<(x + size / 2) where row >= 0 && row < height && column >= 0 && column < width {
                    let i = (row * width + column) * 3
                    sum.0 += Int(rgb[i]); sum.1 += Int(rgb[i + 1]); sum.2 += Int(rgb[i + 2])
                    count += 1
                }
            }
            return (sum.0 / max(count, 1), sum.1 / max(count, 1), sum.2 / max(count, 1))
        }
    }

    static func picture(_ path: String, at seconds: Double, width: Int, height: Int) throws -> Picture {
        let data = try run("ffmpeg", ["-v", "error", "-ss", String(seconds), "-i", path, "-frames:v", "1",
                                      "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        #expect(data.count == width * height * 3, "a \(width)x\(height) frame at \(seconds) s")
        return Picture(width: width, height: height, rgb: [UInt8](data))
    }

    /// Each frame's time and mean luma (ffmpeg's signalstats), for flash detection.
    static func frameBrightness(_ path: String) throws -> [(time: Double, luma: Double)] {
        let data = try run("ffprobe", ["-v", "error", "-f", "lavfi", "-i", "movie=\(path),signalstats",
                                       "-show_entries", "frame=pts_time:frame_tags=lavfi.signalstats.YAVG", "-of", "csv=p=0"])
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",")
            guard fields.count == 2, let time = Double(fields[0]), let luma = Double(fields[1]) else { return nil }
            return (time, luma)
        }
    }

    /// The whole audio track as 48 kHz mono Float.
    static func audio(_ path: String) throws -> [Float] {
        let data = try run("ffmpeg", ["-v", "error", "-i", path, "-vn", "-ac", "1", "-ar", "48000", "-f", "f32le", "-"])
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// Power of one frequency in a block of samples (Goertzel), normalized.
    static func tonePower(_ samples: ArraySlice<Float>, frequency: Double, sampleRate: Double = 48_000) -> Double {
        let w = 2 * Double.pi * frequency / sampleRate
        let coefficient = 2 * cos(w)
        var s1 = 0.0, s2 = 0.0
        for sample in samples {
            let s0 = Double(sample) + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
        return power / Double(samples.count * samples.count)
    }
}

/// Colors the fixtures' participants send (ffmpeg's color names), in RGB.
enum FixtureColor {
    static let rgb: [String: (Int, Int, Int)] = [
        "red": (255, 0, 0), "green": (0, 128, 0), "blue": (0, 0, 255), "yellow": (255, 255, 0),
        "magenta": (255, 0, 255), "cyan": (0, 255, 255), "black": (0, 0, 0),
    ]

    static func matches(_ color: (r: Int, g: Int, b: Int), _ name: String, tolerance: Int = 40) -> Bool {
        guard let expected = rgb[name] else { return false }
        return abs(color.r - expected.0) <= tolerance && abs(color.g - expected.1) <= tolerance && abs(color.b - expected.2) <= tolerance
    }
}
