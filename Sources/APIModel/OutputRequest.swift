/// The file a job makes, as a client asks for it. Every field is optional
/// and has a default; `validated` refuses what no encoder should be given.
public struct OutputRequest: Codable, Equatable, Sendable {
    public var format: String?
    public var width: Int?
    public var height: Int?
    public var fps: Int?
    public var videoBitrate: Int?
    public var preset: String?
    public var audioBitrate: Int?

    public init(format: String? = nil, width: Int? = nil, height: Int? = nil, fps: Int? = nil, videoBitrate: Int? = nil,
                preset: String? = nil, audioBitrate: Int? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.fps = fps
        self.videoBitrate = videoBitrate
        self.preset = preset
        self.audioBitrate = audioBitrate
    }

    static let presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]

    /// The output with every default filled in, or why it cannot be made.
    public func validated() throws(ServiceError) -> OutputSpec {
        let standard = OutputSpec.standard
        guard let container = OutputSpec.Container(rawValue: format ?? standard.container.rawValue) else {
            throw .invalid("output.format must be \"mp4\" or \"webm\"")
        }
        let width = width ?? standard.width, height = height ?? standard.height
        for (name, value) in [("width", width), ("height", height)] {
            guard (16...3840).contains(value), value % 2 == 0 else { throw .invalid("output.\(name) must be an even number from 16 to 3840") }
        }
        let fps = fps ?? standard.fps
        guard (1...60).contains(fps) else { throw .invalid("output.fps must be 1 to 60") }
        let videoBitrate = videoBitrate ?? standard.videoBitrate
        guard (50_000...50_000_000).contains(videoBitrate) else { throw .invalid("output.videoBitrate must be 50000 to 50000000 bits/s") }
        let audioBitrate = audioBitrate ?? standard.audioBitrate
        guard (16_000...512_000).contains(audioBitrate) else { throw .invalid("output.audioBitrate must be 16000 to 512000 bits/s") }
        let preset = preset ?? standard.preset
        guard Self.presets.contains(preset) else { throw .invalid("output.preset must be one of \(Self.presets.joined(separator: ", "))") }
        return OutputSpec(container: container, width: width, height: height, fps: fps, videoBitrate: videoBitrate,
                          audioBitrate: audioBitrate, preset: preset)
    }
}

/// When a recording stops by itself.
public struct LimitsRequest: Codable, Equatable, Sendable {
    public var maxDurationSeconds: Double?
    /// Bytes of received media (the dump) after which the recording stops.
    public var maxBytes: Int64?

    public init(maxDurationSeconds: Double? = nil, maxBytes: Int64? = nil) {
        self.maxDurationSeconds = maxDurationSeconds
        self.maxBytes = maxBytes
    }

    public func validate() throws(ServiceError) {
        if let maxDurationSeconds, !(maxDurationSeconds > 0 && maxDurationSeconds <= 86_400) {
            throw .invalid("limits.maxDurationSeconds must be more than 0 and at most 86400")
        }
        if let maxBytes, !(1...1_000_000_000_000_000).contains(maxBytes) { throw .invalid("limits.maxBytes must be 1 to 10^15") }
    }
}

/// Layout names are looked up in layouts/; no paths from clients.
public func validateLayoutName(_ layout: String?) throws(ServiceError) {
    guard let layout else { return }
    guard SafeName.isValid(layout) else {
        throw .invalid("layout must be the name of a layout in layouts/ (letters, digits, '-', '_')")
    }
}
