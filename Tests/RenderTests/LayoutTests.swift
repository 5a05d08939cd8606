import Foundation
import Media
@testable import Render
import Testing

@Suite struct LayoutTests {
    static func grid() throws -> Layout {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("layouts/grid.json")
        return try Layout.decode(try Data(contentsOf: url), source: "grid.json")
    }

    @Test(arguments: [
        (1, 1, Rect(x: 0, y: 0, width: 1280, height: 720)),
        (2, 2, Rect(x: 0, y: 0, width: 640, height: 720)),
        (3, 3, Rect(x: 0, y: 0, width: 640, height: 360)),
        (4, 4, Rect(x: 0, y: 0, width: 640, height: 360)),
        (5, 5, Rect(x: 0, y: 0, width: 426, height: 360)),
        (9, 9, Rect(x: 0, y: 0, width: 426, height: 240)),
        (25, 25, Rect(x: 0, y: 0, width: 256, height: 144)),
        (30, 25, Rect(x: 0, y: 0, width: 256, height: 144)),
    ])
    func gridUsesTheSquarestGrid(present: Int, tiles: Int, firstCell: Rect) throws {
        var engine = LayoutEngine(layout: try Self.grid(), width: 1280, height: 720)
        let placed = engine.place((0..<present).map { "p\($0)" })
        #expect(placed.count == tiles)
        #expect(placed.first?.cell == firstCell)
        #expect(placed.map(\.participantID) == (0..<tiles).map { "p\($0)" })
    }

    @Test func shortLastRowIsCentered() throws {
        var engine = LayoutEngine(layout: try Self.grid(), width: 1280, height: 720)
        let placed = engine.place(["a", "b", "c"])
        #expect(placed[2].cell == Rect(x: 320, y: 360, width: 640, height: 360))
    }

    @Test func keptCellsStayWhenOthersLeave() throws {
        let layout = Layout(name: "kept", regions: [.init(x: 0, y: 0, width: 1, height: 1, reuse: .keep)])
        var engine = LayoutEngine(layout: layout, width: 1280, height: 720)
        let before = engine.place(["a", "b", "c", "d"])
        let after = engine.place(["a", "c", "d"])
        #expect(after.first { $0.participantID == "d" }?.cell == before.first { $0.participantID == "d" }?.cell)
        let refilled = engine.place(["a", "c", "d", "e"])
        #expect(refilled.first { $0.participantID == "e" }?.cell == before.first { $0.participantID == "b" }?.cell)
    }

    @Test func presenterLayoutGivesTheFirstTheBigRegion() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("layouts/presenter.json")
        var engine = LayoutEngine(layout: try Layout.decode(try Data(contentsOf: url), source: "presenter"), width: 1280, height: 720)
        let placed = engine.place(["a", "b", "c"])
        #expect(placed.first { $0.participantID == "a" }?.cell == Rect(x: 0, y: 0, width: 960, height: 720))
        #expect(placed.filter { $0.cell.x >= 960 }.map(\.participantID) == ["b", "c"])
    }

    @Test(arguments: [
        ("{", "not a valid layout"),
        (#"{"name":"x","regions":[]}"#, "no regions"),
        (#"{"name":"x","regions":[{"x":0,"y":0,"width":1.5,"height":1}]}"#, "outside 0…1"),
        (#"{"name":"x","regions":[{"x":0.5,"y":0,"width":0.6,"height":1}]}"#, "does not fit"),
        (#"{"name":"x","regions":[{"x":0,"y":0,"width":1,"height":1,"maxRows":0}]}"#, "maxRows"),
        (#"{"name":"x","background":"blue","regions":[{"x":0,"y":0,"width":1,"height":1}]}"#, "not a #rrggbb"),
        (#"{"name":"x","regions":[{"y":0,"width":1,"height":1}]}"#, "missing x"),
        (#"{"name":"x","regions":[{"x":0,"y":0,"width":1,"height":1,"fit":"stretch"}]}"#, "not a valid layout"),
    ])
    func badLayoutsAreRefusedWithAReason(json: String, reason: String) {
        #expect { try Layout.decode(Data(json.utf8), source: "test") } throws: { "\($0)".contains(reason) }
    }
}

@Suite struct ShippedLayoutTests {
    static let layoutsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("layouts")

    /// The layouts built into the binary are layouts/ as it is (run scripts/embed-layouts.sh after a change).
    @Test func builtInLayoutsMatchTheLayoutsFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.layoutsDirectory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(ShippedLayouts.byName.keys))
        for file in files {
            let text = try String(contentsOf: Self.layoutsDirectory.appendingPathComponent(file), encoding: .utf8)
            #expect(ShippedLayouts.byName[String(file.dropLast(5))] == text.trimmingCharacters(in: .newlines), "\(file)")
            _ = try Layout.decode(Data(text.utf8), source: file)
        }
    }

    /// With no layouts/ folder anywhere (the binary installed on its own), a shipped name still loads.
    @Test func shippedLayoutsLoadWithoutALayoutsFolder() throws {
        for name in ShippedLayouts.byName.keys {
            #expect(try Layout.load(name, searching: []).name == name)
        }
        #expect(throws: LayoutError.self) { try Layout.load("no-such-layout", searching: []) }
    }
}
