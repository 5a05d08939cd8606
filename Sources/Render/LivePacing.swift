/// How a live render keeps up on a machine too busy for it: rather than
/// fall further and further behind the call (and make the stop wait for the
/// whole backlog), it draws fewer frames while it is behind. Audio, decoding
/// and layout go on for every output frame; a frame not drawn leaves the
/// previous picture on screen a frame longer (the file's video runs at a
/// variable rate there). Batch renders never skip.
public enum LivePacing {
    /// One output frame in this many is drawn when the render's input trails
    /// the call by `backlogMicros` (`RenderSession.inputLagMicros`). At worst two pictures a second, so a change in the call
    /// still shows within half a second of output.
    public static func stride(backlogMicros: Int64, fps: Int) -> Int {
        switch backlogMicros {
        case ..<1_000_000: 1
        case ..<3_000_000: 2
        case ..<6_000_000: 4
        default: max(1, fps / 2)
        }
    }

    /// Whether output frame `index` is drawn at that stride. The first frame always is.
    public static func draws(_ index: Int64, stride: Int) -> Bool {
        stride <= 1 || index == 0 || index % Int64(stride) == 0
    }
}
