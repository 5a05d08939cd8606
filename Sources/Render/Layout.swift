import Foundation
import Media

/// A layout: regions on the canvas that participants' tiles fill.
/// The grammar is documented in docs/layouts.md; `layouts/*.json` ship.
public struct Layout: Codable, Equatable, Sendable {
    public var name: String
    public var description: String?
    /// The canvas color where no region or tile draws, "#rrggbb".
    public var background: String?
    public var regions: [Region]
    /// "grid": when a region that selects `screens` or `speaker` has nobody
    /// to show (nobody shares, nobody has spoken yet), everyone is shown in
    /// a plain grid instead.
    public var fallback: String?

    public struct Region: Codable, Equatable, Sendable {
        public enum Fit: String, Codable, Sendable {
            /// The whole picture, letterboxed in its cell (aspect kept).
            case contain
            /// The cell filled, the picture cropped (aspect kept).
            case cover
        }
        /// Which tiles a region takes.
        public enum Select: String, Codable, Sendable {
            /// Every tile (cameras and screen shares).
            case all
            /// Screen shares: a participant's second video track.
            case screens
            /// Participants' cameras.
            case cameras
            /// The active speaker's camera (from audio levels, with hysteresis).
            case speaker
        }
        public enum Reuse: String, Codable, Sendable {
            /// Cells are laid out afresh for whoever is present, in join order.
            case reflow
            /// A participant keeps their cell; a cell left empty goes to the next one to join.
            case keep
        }

        public var name: String?
        /// Position and size as fractions (0…1) of the canvas.
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        /// Regions with a higher z draw over lower ones.
        public var z: Int?
        public var maxRows: Int?
        public var maxColumns: Int?
        /// Only these participant ids may fill the region (all when absent).
        public var participants: [String]?
        /// Of the eligible participants in join order, skip this many…
        public var skip: Int?
        /// …and take at most this many.
        public var take: Int?
        public var fit: Fit?
        public var reuse: Reuse?
        public var select: Select?
        /// Pixels between cells and around the grid.
        public var gap: Int?
        public var background: String?
        public var border: Border?
    }

    public struct Border: Codable, Equatable, Sendable {
        public var width: Int
        public var color: String
    }

    /// Checks what JSON cannot: ranges, colors, at least one region.
    public func validate() throws(LayoutError) {
        guard !regions.isEmpty else { throw LayoutError("layout \(name) has no regions") }
        if let fallback, fallback != "grid" { throw LayoutError("layout \(name): fallback \(fallback) is not \"grid\"") }
        if let background, YUVColor(hex: background) == nil { throw LayoutError("layout \(name): background \(background) is not a #rrggbb color") }
        for (index, region) in regions.enumerated() {
            let label = region.name ?? "region \(index)"
            for (field, value) in [("x", region.x), ("y", region.y), ("width", region.width), ("height", region.height)] {
                guard value >= 0, value <= 1 else { throw LayoutError("layout \(name), \(label): \(field) \(value) is outside 0…1") }
            }
            guard region.width > 0, region.height > 0, region.x + region.width <= 1.0001, region.y + region.height <= 1.0001 else {
                throw LayoutError("layout \(name), \(label): the region does not fit on the canvas")
            }
            for (field, value) in [("maxRows", region.maxRows), ("maxColumns", region.maxColumns), ("take", region.take)] {
                if let value, value < 1 { throw LayoutError("layout \(name), \(label): \(field) must be at least 1") }
            }
            if let skip = region.skip, skip < 0 { throw LayoutError("layout \(name), \(label): skip must not be negative") }
            if let gap = region.gap, gap < 0 { throw LayoutError("layout \(name), \(label): gap must not be negative") }
            if let color = region.background, YUVColor(hex: color) == nil { throw LayoutError("layout \(name), \(label): background \(color) is not a #rrggbb color") }
            if let border = region.border {
                guard border.width >= 0, YUVColor(hex: border.color) != nil else { throw LayoutError("layout \(name), \(label): bad border") }
            }
        }
    }

    /// Parses and validates a layout document.
    public static func decode(_ data: Data, source: String) throws(LayoutError) -> Layout {
        let layout: Layout
        do { layout = try JSONDecoder().decode(Layout.self, from: data) } catch {
            throw LayoutError("\(source) is not a valid layout: \(Self.describe(error))")
        }
        try layout.validate()
        return layout
    }

    /// Loads a layout by name (`grid` → layouts/grid.json) or by path.
    /// Names are looked up in $TESSERA_LAYOUTS, ./layouts, and the
    /// `layouts` folder beside or above the executable, and then among the
    /// layouts built into the binary, so the shipped ones are found from
    /// any directory.
    public static func load(_ nameOrPath: String) throws(LayoutError) -> Layout {
        try load(nameOrPath, searching: searchDirectories())
    }

    static func load(_ nameOrPath: String, searching directories: [String]) throws(LayoutError) -> Layout {
        let path: String
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            path = nameOrPath
        } else if let found = directories.map({ "\($0)/\(nameOrPath).json" }).first(where: { FileManager.default.fileExists(atPath: $0) }) {
            path = found
        } else if let shipped = ShippedLayouts.byName[nameOrPath] {
            return try decode(Data(shipped.utf8), source: "built-in layout \(nameOrPath)")
        } else {
            let names = availableNames(searching: directories).joined(separator: ", ")
            throw LayoutError("no layout named \(nameOrPath): the layouts are \(names) (a NAME.json in $TESSERA_LAYOUTS or ./layouts adds one)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw LayoutError("cannot read layout \(path)") }
        return try decode(data, source: path)
    }

    /// Every layout name `load` finds: the built-in ones and the files in the search directories.
    public static func availableNames() -> [String] { availableNames(searching: searchDirectories()) }

    static func availableNames(searching directories: [String]) -> [String] {
        var names = Set(ShippedLayouts.byName.keys)
        for directory in directories {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where file.hasSuffix(".json") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    static func searchDirectories() -> [String] {
        var directories: [String] = []
        if let custom = ProcessInfo.processInfo.environment["TESSERA_LAYOUTS"] { directories.append(custom) }
        directories.append(FileManager.default.currentDirectoryPath + "/layouts")
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            directories.append(url.appendingPathComponent("layouts").path)
            url = url.deletingLastPathComponent()
        }
        return directories
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing \(key.stringValue) at \(path(context))"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "\(context.debugDescription) at \(path(context))"
        case let DecodingError.dataCorrupted(context):
            return "\(context.debugDescription) \(path(context))"
        default:
            return "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

public struct LayoutError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
