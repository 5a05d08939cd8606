/// An output that passed validation: every setting is there, so nothing
/// downstream unwraps an optional it was told is set.
public struct OutputSpec: Equatable, Sendable {
    public enum Container: String, Sendable { case mp4, webm }
    public let container: Container
    public let width: Int
    public let height: Int
    public let fps: Int
    public let videoBitrate: Int
    public let audioBitrate: Int
    public let preset: String

    public var fileExtension: String { container.rawValue }

    /// The wire form with every default filled in (what a job stores).
    public var request: OutputRequest {
        OutputRequest(format: container.rawValue, width: width, height: height, fps: fps, videoBitrate: videoBitrate,
                      preset: preset, audioBitrate: audioBitrate)
    }

    /// The default output: 1280x720 at 30 fps in MP4.
    public static let standard = OutputSpec(container: .mp4, width: 1280, height: 720, fps: 30, videoBitrate: 2_500_000,
                                            audioBitrate: 128_000, preset: "veryfast")
}
