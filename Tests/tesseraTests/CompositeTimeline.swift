import Foundation
import Testing

/// Checks that a composite follows the call its dump recorded. What the
/// output must show comes from the dump itself: when each track began and
/// ended there (a busy machine starts peers late, so wall-clock guesses
/// would not do). Between every two changes at least 3 s apart, the frame
/// in the middle shows exactly the colors of the video tracks live
/// throughout, and the mix holds exactly the tones of the audio tracks live.
enum CompositeTimeline {
    struct Report: Decodable {
        struct Track: Decodable {
            var id: Int
            var participantID: String
            var participantName: String?
            var kind: String
            var packets: Int
            var expectedPackets: Int
            var lostPackets: Int
            var frames: Int
            var durationSeconds: Double
            var firstArrivalSeconds: Double?
            var lastArrivalSeconds: Double?
            /// Distinct sequence numbers received: a retransmission, a duplicate or padding does not add one.
            var distinctPackets: Int { expectedPackets - lostPackets }
        }
        var tracks: [Track]
    }

    static func inspect(_ dump: String) throws -> Report {
        let inspected = try RenderCommandTests.run(["inspect", dump, "--json"])
        return try JSONDecoder().decode(Report.self, from: Data(inspected.out.utf8))
    }

    /// Colors seen on a 8x6 grid of points of a frame.
    static func colors(in picture: MediaProbe.Picture) -> Set<String> {
        var seen: Set<String> = []
        for row in 0..<6 {
            for column in 0..<8 {
                let color = picture.color(x: (2 * column + 1) * picture.width / 16, y: (2 * row + 1) * picture.height / 12, size: 8)
                for name in ["red", "green", "blue", "yellow", "magenta"] where FixtureColor.matches(color, name, tolerance: 50) { seen.insert(name) }
            }
        }
        return seen
    }

    /// Returns the sets of colors checked, in order, for the caller to
    /// assert the call went through each situation it set up.
    /// `screenColor`: a participant's second video while the first runs is a
    /// screen share of this color, large at the top (the presentation layout).
    static func check(dump: String, output: String, width: Int, height: Int, colors colorOf: [String: String], tones toneOf: [String: Double],
                      screenColor: String? = nil) throws -> [Set<String>] {
        let report = try inspect(dump)
        struct Span { var name: String; var screen: Bool; var kind: String; var from: Double; var to: Double }
        var spans: [Span] = []
        for track in report.tracks.sorted(by: { $0.id < $1.id }) {
            guard let name = track.participantName, let from = track.firstArrivalSeconds, let to = track.lastArrivalSeconds else { continue }
            let screen = screenColor != nil && track.kind == "video"
                && spans.contains { $0.name == name && $0.kind == "video" && !$0.screen && $0.to > from }
            spans.append(Span(name: name, screen: screen, kind: track.kind, from: from, to: to))
        }
        let origin = try #require(spans.map(\.from).min())
        let changes = Array(Set(spans.filter { $0.kind == "video" }.flatMap { [$0.from, $0.to] })).sorted()
        let duration = try MediaProbe.probe(output).duration
        let samples = try MediaProbe.audio(output)
        var checked: [Set<String>] = []
        for (a, b) in zip(changes, changes.dropFirst()) where b - a >= 3 && b - origin <= duration + 0.5 {
            let middle = (a + b) / 2, seconds = middle - origin
            let live = spans.filter { $0.from <= a + 0.05 && $0.to >= b - 0.05 }
            let expected = Set(live.filter { $0.kind == "video" }.map { $0.screen ? screenColor! : colorOf[$0.name]! })
            let picture = try MediaProbe.picture(output, at: seconds, width: width, height: height)
            let seen = colors(in: picture)
            #expect(seen.subtracting(["yellow"]) == expected, "at \(seconds) s (\(a - origin)…\(b - origin)): saw \(seen), expected \(expected)")
            if let screenColor {
                // The presentation layout: the screen large while shared, a grid otherwise.
                #expect(FixtureColor.matches(picture.color(x: width / 2, y: height * 7 / 18), screenColor, tolerance: 50) == expected.contains(screenColor),
                        "at \(seconds) s: the top is \(picture.color(x: width / 2, y: height * 7 / 18))")
            }
            let start = max(0, Int((seconds - 0.5) * 48_000))
            let window = samples[start..<min(samples.count, start + 48_000)]
            // The floor is measured where no low-order product of the tones falls (3000 Hz is 1000's third
            // harmonic, which the mix's soft limiter makes when three full-scale tones add up).
            let floor = MediaProbe.tonePower(window, frequency: 3700)
            for (name, tone) in toneOf {
                let power = MediaProbe.tonePower(window, frequency: tone)
                if live.contains(where: { $0.kind == "audio" && $0.name == name }) {
                    #expect(power > 50 * floor, "at \(seconds) s: \(name)'s \(tone) Hz should sound (\(power) vs \(floor))")
                } else if !spans.contains(where: { $0.kind == "audio" && $0.name == name && $0.from < b && $0.to > a }) {
                    let loudest = toneOf.values.map { MediaProbe.tonePower(window, frequency: $0) }.max()!
                    #expect(power < loudest / 100, "at \(seconds) s: \(name) is not in the call, yet \(tone) Hz sounds")
                }
            }
            checked.append(expected)
        }
        return checked
    }
}
