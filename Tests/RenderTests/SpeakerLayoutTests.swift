import Foundation
import Media
@testable import Render
import Testing

/// The presentation and speaker layouts, and who speaks.
@Suite struct SpeakerLayoutTests {
    static func shipped(_ name: String) throws -> Layout {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("layouts/\(name).json")
        return try Layout.decode(try Data(contentsOf: url), source: name)
    }

    static let big = Rect(x: 0, y: 0, width: 1280, height: 562)

    @Test func presentationPutsTheScreenLargeAndFallsBackToTheGrid() throws {
        var engine = LayoutEngine(layout: try Self.shipped("presentation"), width: 1280, height: 720)
        let sharing = engine.place(["a", "b", "b#screen"], screens: ["b#screen"])
        #expect(sharing.first { $0.participantID == "b#screen" }?.cell == Self.big)
        #expect(sharing.filter { $0.cell.y > 500 }.map(\.participantID) == ["a", "b"], "cameras in the strip")
        let five = engine.place(["a", "b", "c", "d", "e", "b#screen"], screens: ["b#screen"])
        #expect(five.filter { $0.cell.y > 500 }.count == 5 && Set(five.filter { $0.cell.y > 500 }.map(\.cell.y)).count == 1, "one row of five")
        let nobody = engine.place(["a", "b"], screens: ["b#screen"])
        #expect(nobody.map(\.cell) == [Rect(x: 0, y: 0, width: 640, height: 720), Rect(x: 640, y: 0, width: 640, height: 720)], "the grid")
    }

    @Test func speakerLayoutFollowsTheSpeaker() throws {
        var engine = LayoutEngine(layout: try Self.shipped("speaker"), width: 1280, height: 720)
        #expect(engine.place(["a", "b", "c"], speaker: nil).count == 3 && engine.place(["a", "b", "c"]).first?.cell.height == 360)
        let placed = engine.place(["a", "b", "c"], speaker: "b")
        #expect(placed.first { $0.participantID == "b" }?.cell == Self.big)
        #expect(placed.filter { $0.cell.y > 500 }.map(\.participantID) == ["a", "c"])
        #expect(engine.place(["a", "c"], speaker: "b").first?.cell.height == 720, "the speaker left: the grid")
    }

    /// Levels every 100 ms: (time s, [participant: RMS]) → the speaker at the end of each step.
    static let scenarios: [(String, [(Double, [String: Double])], [String?])] = [
        ("silence names nobody", [(0, [:]), (1, [:])], [nil, nil]),
        ("the first voice takes the floor", [(0, ["a": 0.1]), (0.1, ["a": 0.1])], ["a", "a"]),
        ("a cough does not take it", [(0, ["a": 0.1]), (2.5, ["a": 0.1, "b": 0.5]), (2.7, ["a": 0.1]), (3.5, ["a": 0.1])], ["a", "a", "a", "a"]),
        ("a longer voice does, after 0.8 s", [(0, ["a": 0.1]), (2.5, ["b": 0.3]), (2.9, ["b": 0.3]), (3.5, ["b": 0.3])], ["a", "a", "b", "b"]),
        ("not before the 2 s hold", [(0, ["a": 0.1]), (0.3, ["b": 0.3]), (1.8, ["b": 0.3]), (2.5, ["b": 0.3])], ["a", "a", "b", "b"]),
        ("a pause keeps the speaker", [(0, ["a": 0.1]), (1, [:]), (5, [:])], ["a", "a", "a"]),
    ]

    @Test(arguments: scenarios.indices)
    func speakerHasHysteresis(index: Int) {
        let (label, steps, expected) = Self.scenarios[index]
        var detector = SpeakerDetector()
        var seen: [String?] = []
        var time = 0.0, step = 0
        // Feed every 100 ms the levels of the latest step that has begun.
        while step < steps.count {
            let next = step + 1 < steps.count ? steps[step + 1].0 : steps[step].0 + 0.1
            while time < next - 1e-9 {
                _ = detector.update(steps[step].1, at: Int64(time * 1_000_000))
                time += 0.1
            }
            seen.append(detector.speaker)
            step += 1
        }
        #expect(seen == expected, "\(label)")
    }
}
