import Media

/// One participant's cell on the canvas at some moment.
public struct PlacedTile: Equatable, Sendable {
    public var participantID: String
    public var cell: Rect
    public var fit: Layout.Region.Fit
    public var z: Int
    public var background: YUVColor
    public var borderWidth: Int
    public var borderColor: YUVColor
}

/// Turns a layout and the participants present (in join order) into cells.
/// Sans-I/O and deterministic; it keeps state only for regions with
/// `reuse: keep`, where a participant holds their cell while present.
public struct LayoutEngine: Sendable {
    public let layout: Layout
    public let width: Int
    public let height: Int
    public let background: YUVColor
    /// Per region, for `keep`: which participant holds each cell index.
    private var kept: [[String?]]

    public init(layout: Layout, width: Int, height: Int) {
        self.layout = layout
        self.width = width
        self.height = height
        self.background = layout.background.flatMap(YUVColor.init(hex:)) ?? .black
        self.kept = Array(repeating: [], count: layout.regions.count)
    }

    /// Everyone in the squarest grid: what `fallback: "grid"` shows.
    static let fallbackGrid = Layout(name: "grid", regions: [.init(x: 0, y: 0, width: 1, height: 1)])

    /// The cells for the tiles present, in join order. `screens` are the
    /// screen-share tiles among them; `speaker` is who speaks now.
    public mutating func place(_ present: [String], screens: Set<String> = [], speaker: String? = nil) -> [PlacedTile] {
        if layout.fallback == "grid" {
            let missing = layout.regions.contains { region in
                switch region.select {
                case .screens?: !present.contains(where: screens.contains)
                case .speaker?: !(speaker.map(present.contains) ?? false)
                default: false
                }
            }
            if missing {
                var grid = LayoutEngine(layout: Self.fallbackGrid, width: width, height: height)
                return grid.place(present).map { tile in
                    var tile = tile
                    tile.background = background
                    return tile
                }
            }
        }
        var tiles: [PlacedTile] = []
        var claimed = Set<String>()
        for (index, region) in layout.regions.enumerated() {
            var eligible = present.filter { !claimed.contains($0) }
            switch region.select {
            case .screens?: eligible = eligible.filter(screens.contains)
            case .cameras?: eligible = eligible.filter { !screens.contains($0) }
            case .speaker?: eligible = eligible.filter { $0 == speaker }
            case .all?, nil: break
            }
            if let allowed = region.participants { eligible = eligible.filter(allowed.contains) }
            eligible = Array(eligible.dropFirst(region.skip ?? 0))
            let maxRows = region.maxRows ?? 5, maxColumns = region.maxColumns ?? 5
            let capacity = Swift.min(region.take ?? Int.max, maxRows * maxColumns)
            eligible = Array(eligible.prefix(capacity))
            claimed.formUnion(eligible)

            var slots: [String?]
            if region.reuse == .keep {
                slots = kept[index].map { id in id.flatMap { eligible.contains($0) ? $0 : nil } }
                for id in eligible where !slots.contains(id) {
                    if let free = slots.firstIndex(where: { $0 == nil }) { slots[free] = id } else { slots.append(id) }
                }
                while let last = slots.last, last == nil { slots.removeLast() }
                kept[index] = slots
            } else {
                slots = eligible
            }
            guard !slots.isEmpty else { continue }

            let area = Rect(
                x: Int((region.x * Double(width)).rounded()), y: Int((region.y * Double(height)).rounded()),
                width: Int((region.width * Double(width)).rounded()), height: Int((region.height * Double(height)).rounded()))
            let cells = Self.gridCells(count: slots.count, in: area, maxRows: maxRows, maxColumns: maxColumns, gap: region.gap ?? 0)
            let regionBackground = region.background.flatMap(YUVColor.init(hex:)) ?? background
            let border = region.border
            for (slot, id) in slots.enumerated() {
                guard let id, slot < cells.count else { continue }
                tiles.append(PlacedTile(
                    participantID: id, cell: cells[slot].evenAligned, fit: region.fit ?? .contain, z: region.z ?? 0,
                    background: regionBackground, borderWidth: border?.width ?? 0,
                    borderColor: border.flatMap { YUVColor(hex: $0.color) } ?? .black))
            }
        }
        return tiles.enumerated().sorted { ($0.element.z, $0.offset) < ($1.element.z, $1.offset) }.map(\.element)
    }

    /// The squarest grid for `count` cells: 1 → whole area, 2 → side by side,
    /// 3–4 → 2×2, 5–6 → 3×2 and so on; a short last row is centered.
    static func gridCells(count: Int, in area: Rect, maxRows: Int, maxColumns: Int, gap: Int) -> [Rect] {
        guard count > 0 else { return [] }
        var columns = 1
        while columns * columns < count { columns += 1 }
        // A region capped in rows (a strip) widens instead: every tile that fits gets a cell.
        columns = Swift.min(maxColumns, Swift.max(columns, (count + maxRows - 1) / maxRows))
        let rows = Swift.min(maxRows, (count + columns - 1) / columns)
        let cellWidth = (area.width - gap * (columns + 1)) / columns
        let cellHeight = (area.height - gap * (rows + 1)) / rows
        var cells: [Rect] = []
        for row in 0..<rows {
            let inRow = Swift.min(columns, count - row * columns)
            guard inRow > 0 else { break }
            let rowWidth = inRow * cellWidth + (inRow - 1) * gap
            let left = area.x + (area.width - rowWidth) / 2
            for column in 0..<inRow {
                cells.append(Rect(
                    x: left + column * (cellWidth + gap), y: area.y + gap + row * (cellHeight + gap),
                    width: cellWidth, height: cellHeight))
            }
        }
        return cells
    }
}
