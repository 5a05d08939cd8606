import Media
import Testing

@Suite struct CompositorTests {
    @Test(arguments: [
        // (source w, h, cell, fit, target, crop)
        (320, 240, Rect(x: 0, y: 0, width: 640, height: 360), CompositorTile.Fit.contain, Rect(x: 80, y: 0, width: 480, height: 360), nil as Rect?),
        (640, 360, Rect(x: 640, y: 0, width: 640, height: 720), .contain, Rect(x: 640, y: 180, width: 640, height: 360), nil),
        (640, 480, Rect(x: 0, y: 0, width: 640, height: 360), .cover, Rect(x: 0, y: 0, width: 640, height: 360), Rect(x: 0, y: 60, width: 640, height: 360)),
        (360, 640, Rect(x: 0, y: 0, width: 640, height: 360), .cover, Rect(x: 0, y: 0, width: 640, height: 360), Rect(x: 0, y: 218, width: 360, height: 202)),
    ])
    func placesPicturesInCells(width: Int, height: Int, cell: Rect, fit: CompositorTile.Fit, target: Rect, crop: Rect?) {
        let placement = Compositor.placement(of: width, height, in: cell, fit: fit)
        #expect(placement.target == target)
        #expect(placement.crop == crop)
    }

    @Test func drawsPicturesAndPlaceholdersAndReusesUnchangedTiles() throws {
        let green = try #require(YUVColor(hex: "#00ff00")), blue = try #require(YUVColor(hex: "#0000ff"))
        let picture = try VideoFrame(width: 160, height: 120, color: green)
        let compositor = try Compositor(width: 320, height: 120, background: .black)
        let tiles = [
            CompositorTile(cell: Rect(x: 0, y: 0, width: 160, height: 120), fit: .contain, background: .black, content: .picture(picture)),
            CompositorTile(cell: Rect(x: 160, y: 0, width: 160, height: 120), fit: .contain, background: .black, content: .placeholder(blue)),
        ]
        let first = try compositor.compose(tiles)
        #expect(first.sample(x: 80, y: 60) == green)
        #expect(first.sample(x: 240, y: 60) == blue)
        _ = try compositor.compose(tiles)
        #expect(compositor.tilesScaled == 2)
        #expect(compositor.tilesReused == 2)
        // The first output is still what it was: the canvas was copied before the second draw.
        #expect(first.sample(x: 80, y: 60) == green)
    }

    @Test func colorsParseAndConvertBack() throws {
        #expect(YUVColor(hex: "#zzzzzz") == nil)
        #expect(YUVColor(hex: "#fff") == YUVColor(hex: "#ffffff"))
        let rgb = try #require(YUVColor(hex: "#c04020")).rgb
        #expect(abs(rgb.0 - 0xc0) <= 2 && abs(rgb.1 - 0x40) <= 2 && abs(rgb.2 - 0x20) <= 2)
    }
}
