/// What one tile shows.
public enum TileContent: Sendable {
    case picture(VideoFrame)
    /// A participant without a picture (audio only, camera off, no keyframe yet).
    case placeholder(YUVColor)
}

/// One tile to draw: a cell of the canvas and what goes in it.
public struct CompositorTile: Sendable {
    public enum Fit: Sendable { case contain, cover }
    public var cell: Rect
    public var fit: Fit
    public var background: YUVColor
    public var borderWidth: Int
    public var borderColor: YUVColor
    public var content: TileContent

    public init(cell: Rect, fit: Fit, background: YUVColor, borderWidth: Int = 0, borderColor: YUVColor = .black, content: TileContent) {
        self.cell = cell
        self.fit = fit
        self.background = background
        self.borderWidth = borderWidth
        self.borderColor = borderColor
        self.content = content
    }
}

/// Draws tiles onto one canvas, tick after tick. Each picture is scaled
/// straight into its place on the canvas; a tile whose picture and cell did
/// not change since the last tick is left as it is (not rescaled).
public final class Compositor: @unchecked Sendable {
    public private(set) var canvas: VideoFrame
    /// Canvases the encoder may still hold; reused once it lets go, so a
    /// render allocates no picture memory after its first few ticks.
    private var spares: [VideoFrame] = []
    static let maximumSpares = 6
    public let background: YUVColor
    private var scalers: [Rect: PictureScaler] = [:]
    private var drawn: [Rect: DrawnTile] = [:]
    private var lastCells: [Rect] = []
    private var cellsOverlap = false
    /// Tiles drawn and tiles left untouched, for the summary and benchmark.
    public private(set) var tilesScaled = 0
    public private(set) var tilesReused = 0

    private struct DrawnTile: Equatable {
        var picture: ObjectIdentifier?
        var color: YUVColor?
        var pictureSize: Rect
    }

    public init(width: Int, height: Int, background: YUVColor) throws {
        canvas = try VideoFrame(width: width, height: height, color: background)
        self.background = background
    }

    /// Draws this tick's tiles (in z order, bottom first) and returns a
    /// reference to the canvas for the encoder.
    public func compose(_ tiles: [CompositorTile]) throws -> VideoFrame {
        try takeWritableCanvas()
        let cells = tiles.map(\.cell)
        if cells != lastCells {
            canvas.fill(Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), with: background)
            scalers = scalers.filter { cells.contains($0.key) }
            cellsOverlap = Self.overlap(cells)  // only when the layout changes
            drawn = [:]
            lastCells = cells
        } else if cellsOverlap {
            drawn = [:]  // a redrawn lower tile may cover a higher one: redraw all
        }
        for tile in tiles {
            try draw(tile)
        }
        return try canvas.reference()
    }

    /// Makes `canvas` safe to draw on: if the encoder still holds it, the
    /// picture is copied into a spare the encoder has let go of (or a new
    /// one) and that becomes the canvas.
    private func takeWritableCanvas() throws {
        guard !canvas.isWritable else { return }
        let next: VideoFrame
        if let index = spares.firstIndex(where: \.isWritable) {
            next = spares.remove(at: index)
        } else {
            next = try VideoFrame(width: canvas.width, height: canvas.height, color: background)
        }
        try next.copyPixels(from: canvas)
        if spares.count < Self.maximumSpares { spares.append(canvas) }
        canvas = next
    }

    private func draw(_ tile: CompositorTile) throws {
        let cell = tile.cell
        switch tile.content {
        case let .placeholder(color):
            let state = DrawnTile(picture: nil, color: color, pictureSize: cell)
            if drawn[cell] == state { tilesReused += 1; return }
            canvas.fill(cell, with: color)
            drawn[cell] = state
        case let .picture(picture):
            let state = DrawnTile(picture: ObjectIdentifier(picture), color: nil, pictureSize: Rect(x: 0, y: 0, width: picture.width, height: picture.height))
            if drawn[cell] == state { tilesReused += 1; return }
            let (target, crop) = Self.placement(of: picture.width, picture.height, in: cell, fit: tile.fit)
            if drawn[cell]?.pictureSize != state.pictureSize {
                canvas.fill(cell, with: tile.background)  // letterbox bars for the new shape
            }
            let scaler = scalers[cell] ?? PictureScaler()
            scalers[cell] = scaler
            try scaler.scale(picture, crop: crop, into: canvas, at: target)
            drawn[cell] = state
        }
        tilesScaled += 1
        if tile.borderWidth > 0 { drawBorder(cell, width: tile.borderWidth, color: tile.borderColor) }
    }

    private func drawBorder(_ cell: Rect, width: Int, color: YUVColor) {
        let w = Swift.min(width + (width & 1), cell.width / 2, cell.height / 2)
        canvas.fill(Rect(x: cell.x, y: cell.y, width: cell.width, height: w).evenAligned, with: color)
        canvas.fill(Rect(x: cell.x, y: cell.y + cell.height - w, width: cell.width, height: w).evenAligned, with: color)
        canvas.fill(Rect(x: cell.x, y: cell.y, width: w, height: cell.height).evenAligned, with: color)
        canvas.fill(Rect(x: cell.x + cell.width - w, y: cell.y, width: w, height: cell.height).evenAligned, with: color)
    }

    /// Where a `width`×`height` picture goes in `cell`, and which part of it.
    public static func placement(of width: Int, _ height: Int, in cell: Rect, fit: CompositorTile.Fit) -> (target: Rect, crop: Rect?) {
        guard width > 0, height > 0 else { return (cell, nil) }
        switch fit {
        case .contain:
            // Scale to the cell's width or height, whichever comes first.
            var w = cell.width, h = cell.width * height / width
            if h > cell.height { h = cell.height; w = cell.height * width / height }
            return (Rect(x: cell.x + (cell.width - w) / 2, y: cell.y + (cell.height - h) / 2, width: w, height: h).evenAligned, nil)
        case .cover:
            var cw = width, ch = width * cell.height / cell.width
            if ch > height { ch = height; cw = height * cell.width / cell.height }
            return (cell.evenAligned, Rect(x: (width - cw) / 2, y: (height - ch) / 2, width: cw, height: ch).evenAligned)
        }
    }

    static func overlap(_ cells: [Rect]) -> Bool {
        for i in cells.indices {
            for j in cells.indices where j > i {
                let a = cells[i], b = cells[j]
                if a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height { return true }
            }
        }
        return false
    }
}
