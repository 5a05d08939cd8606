import Media
@testable import Render
import Testing

/// Every tile's pixels stay inside its cell, and nothing lands outside the
/// canvas: grids of 1–16 tiles, 3 and 5 columns, odd and even canvas sizes,
/// pictures of several shapes, both fits. Each tile has its own colour; a
/// pixel of a tile's colour outside that tile's cell is an overrun.
@Suite struct CompositorGeometryTests {
    static let canvases = [(1280, 720), (1278, 720), (641, 361), (960, 540), (330, 186)]
    static let pictureSizes = [(640, 480), (320, 180), (176, 144), (1280, 720), (202, 360)]

    static func colour(_ index: Int) -> YUVColor {
        // Well apart in Y, so a blend at an edge is not mistaken for another tile.
        YUVColor(y: UInt8(40 + (index * 11) % 180), u: UInt8(60 + (index * 37) % 140), v: UInt8(200 - (index * 23) % 140))
    }

    @Test(arguments: [3, 5])
    func tilesStayInTheirCells(columns: Int) throws {
        let background = YUVColor(y: 16, u: 128, v: 128)
        for (width, height) in Self.canvases {
            for count in 1...16 {
                let layout = Layout(name: "grid", regions: [
                    .init(x: 0, y: 0, width: 1, height: 1, maxRows: 5, maxColumns: columns),
                ])
                var engine = LayoutEngine(layout: layout, width: width, height: height)
                let placed = engine.place((0..<count).map { "p\($0)" })
                let compositor = try Compositor(width: width, height: height, background: background)
                var cells: [Rect] = []
                var tiles: [CompositorTile] = []
                for (index, tile) in placed.enumerated() {
                    let (w, h) = Self.pictureSizes[index % Self.pictureSizes.count]
                    let picture = try VideoFrame(width: w, height: h, color: Self.colour(index))
                    cells.append(tile.cell)
                    tiles.append(CompositorTile(cell: tile.cell, fit: index % 2 == 0 ? .contain : .cover, background: background,
                                                content: .picture(picture)))
                }
                #expect(cells.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x + $0.width <= width && $0.y + $0.height <= height },
                        "\(count) tiles in \(width)x\(height): cells \(cells)")
                let frame = try compositor.compose(tiles)
                let overruns = Self.overruns(in: frame, cells: cells, width: width, height: height)
                #expect(overruns.isEmpty, "\(count) tiles, \(columns) columns, \(width)x\(height): \(overruns.prefix(5))")
            }
        }
    }

    /// Pixels whose Y value is one tile's colour but that lie outside that
    /// tile's cell (luma only: chroma is shared by 2x2 pixels).
    static func overruns(in frame: VideoFrame, cells: [Rect], width: Int, height: Int) -> [String] {
        var owner: [UInt8: Int] = [:]
        for index in cells.indices { owner[colour(index).y] = index }
        var found: [String] = []
        for y in 0..<height {
            for x in 0..<width {
                let value = frame.sample(x: x, y: y).y
                guard let index = owner[value] else { continue }
                let cell = cells[index]
                if !(x >= cell.x && x < cell.x + cell.width && y >= cell.y && y < cell.y + cell.height) {
                    found.append("tile \(index) (cell \(cell)) at \(x),\(y)")
                    if found.count >= 5 { return found }
                }
            }
        }
        return found
    }
}
