import CFFmpeg

/// Scales pictures straight into a rectangle of a canvas (no intermediate
/// picture): libswscale writes through plane pointers offset to the
/// rectangle's corner. Caches its context across calls of the same shape.
public final class PictureScaler: @unchecked Sendable {
    private var context: OpaquePointer?

    public init() {}

    deinit { sws_freeContext(context) }

    /// Scales `source` (any libav pixel format) into `rect` of `canvas`
    /// (YUV 4:2:0, rect even-aligned). `crop` picks a part of the source
    /// (for fit = cover); nil takes all of it.
    public func scale(_ source: VideoFrame, crop: Rect? = nil, into canvas: VideoFrame, at rect: Rect) throws {
        let rect = rect.evenAligned
        let crop = (crop ?? Rect(x: 0, y: 0, width: source.width, height: source.height)).evenAligned
        guard rect.width > 0, rect.height > 0, crop.width > 0, crop.height > 0 else { return }
        let format = source.pixelFormat
        guard format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P || crop == Rect(x: 0, y: 0, width: source.width, height: source.height) else {
            throw MediaError("cropping needs a YUV 4:2:0 source")
        }
        context = sws_getCachedContext(
            context, Int32(crop.width), Int32(crop.height), format,
            Int32(rect.width), Int32(rect.height), AV_PIX_FMT_YUV420P, SWS_BILINEAR, nil, nil, nil)
        guard let context else { throw MediaError("libswscale cannot scale \(crop.width)x\(crop.height) to \(rect.width)x\(rect.height)") }

        let (sy, su, sv) = source.planes
        let (sys, sus, svs) = source.lineSizes
        let sourcePlanes: [UnsafePointer<UInt8>?] = [
            sy.map { UnsafePointer($0 + crop.y * sys + crop.x) },
            su.map { UnsafePointer($0 + (crop.y / 2) * sus + crop.x / 2) },
            sv.map { UnsafePointer($0 + (crop.y / 2) * svs + crop.x / 2) },
            nil,
        ]
        let sourceStrides: [Int32] = [Int32(sys), Int32(sus), Int32(svs), 0]
        let (dy, du, dv) = canvas.planes
        let (dys, dus, dvs) = canvas.lineSizes
        let destinationPlanes: [UnsafeMutablePointer<UInt8>?] = [
            dy.map { $0 + rect.y * dys + rect.x },
            du.map { $0 + (rect.y / 2) * dus + rect.x / 2 },
            dv.map { $0 + (rect.y / 2) * dvs + rect.x / 2 },
            nil,
        ]
        let destinationStrides: [Int32] = [Int32(dys), Int32(dus), Int32(dvs), 0]
        let lines = sws_scale(context, sourcePlanes, sourceStrides, 0, Int32(crop.height), destinationPlanes, destinationStrides)
        if lines < 0 { throw LibavError("scaling a picture", code: lines) }
    }
}
