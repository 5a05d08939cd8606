import CFFmpeg

/// Scales pictures into a rectangle of a canvas. libswscale writes its
/// output lines in SIMD blocks and may run a few pixels past the width it
/// was given (seen: 2–4 px past a 426 px tile, into the next tile or the
/// next row). So it scales into a padded picture of the rectangle's size
/// that this scaler owns, and exactly the rectangle's pixels are copied
/// into the canvas, clipped to it. Context and scratch picture are cached
/// across calls of the same shape.
public final class PictureScaler: @unchecked Sendable {
    private var context: OpaquePointer?
    private var scratch: VideoFrame?

    public init() {}

    deinit { sws_freeContext(context) }

    /// Scales `source` (any libav pixel format) into `rect` of `canvas`
    /// (YUV 4:2:0, rect even-aligned). `crop` picks a part of the source
    /// (for fit = cover); nil takes all of it.
    public func scale(_ source: VideoFrame, crop: Rect? = nil, into canvas: VideoFrame, at rect: Rect) throws {
        let rect = rect.clipped(toWidth: canvas.width, height: canvas.height).evenAligned
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
        if scratch?.width != rect.width || scratch?.height != rect.height {
            scratch = try VideoFrame(width: rect.width, height: rect.height)
        }
        guard let scratch else { return }
        let (dy, du, dv) = scratch.planes
        let (dys, dus, dvs) = scratch.lineSizes
        let destinationPlanes: [UnsafeMutablePointer<UInt8>?] = [dy, du, dv, nil]
        let destinationStrides: [Int32] = [Int32(dys), Int32(dus), Int32(dvs), 0]
        let lines = sws_scale(context, sourcePlanes, sourceStrides, 0, Int32(crop.height), destinationPlanes, destinationStrides)
        if lines < 0 { throw LibavError("scaling a picture", code: lines) }
        canvas.copyPixels(from: scratch, to: rect)
    }
}
