import CFFmpeg

/// One owned picture (an `AVFrame`). Decoded frames share their buffers by
/// reference count, so keeping a frame does not stall its decoder.
///
/// `@unchecked Sendable`: a frame is handed from the stage that made it to
/// the stage that reads it and is not touched by the first one afterwards.
public final class VideoFrame: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<AVFrame>

    /// Takes ownership of `pointer`.
    init(taking pointer: UnsafeMutablePointer<AVFrame>) {
        self.pointer = pointer
    }

    /// A new YUV 4:2:0 picture of the given size, filled with `color`.
    public convenience init(width: Int, height: Int, color: YUVColor = .black) throws {
        guard let frame = av_frame_alloc() else { throw MediaError("out of memory allocating a frame") }
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        frame.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        self.init(taking: frame)
        try LibavError.check(av_frame_get_buffer(frame, 0), "allocating a \(width)x\(height) picture")
        fill(Rect(x: 0, y: 0, width: width, height: height), with: color)
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }

    public var width: Int { Int(pointer.pointee.width) }
    public var height: Int { Int(pointer.pointee.height) }
    public var pixelFormat: AVPixelFormat { AVPixelFormat(rawValue: pointer.pointee.format) }

    /// The first three plane pointers and line sizes.
    var planes: (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt8>?) {
        (pointer.pointee.data.0, pointer.pointee.data.1, pointer.pointee.data.2)
    }
    var lineSizes: (Int, Int, Int) {
        (Int(pointer.pointee.linesize.0), Int(pointer.pointee.linesize.1), Int(pointer.pointee.linesize.2))
    }

    /// A second reference to the same picture (no pixel copy).
    public func reference() throws -> VideoFrame {
        guard let clone = av_frame_clone(pointer) else { throw MediaError("out of memory referencing a frame") }
        return VideoFrame(taking: clone)
    }

    /// Makes the pixels this object's alone, copying them if another
    /// reference (an encoder still holding the last tick) shares them.
    public func makeWritable() throws {
        try LibavError.check(av_frame_make_writable(pointer), "making a frame writable")
    }

    /// Whether no other reference shares the pixels.
    public var isWritable: Bool { av_frame_is_writable(pointer) != 0 }

    /// Copies the pixels of a picture of the same size and format.
    public func copyPixels(from source: VideoFrame) throws {
        try LibavError.check(av_frame_copy(pointer, source.pointer), "copying a picture")
    }

    /// Copies all of `source` (YUV 4:2:0, `rect`'s size) into `rect` of this
    /// picture, row by row: nothing is written outside `rect` or the picture.
    func copyPixels(from source: VideoFrame, to rect: Rect) {
        let rect = rect.clipped(toWidth: width, height: height).evenAligned
        let (y, u, v) = planes, (sy, su, sv) = source.planes
        let (ys, us, vs) = lineSizes, (sys, sus, svs) = source.lineSizes
        guard let y, let u, let v, let sy, let su, let sv, rect.width > 0, rect.height > 0,
              rect.width <= source.width, rect.height <= source.height else { return }
        for row in 0..<rect.height {
            (y + (rect.y + row) * ys + rect.x).update(from: sy + row * sys, count: rect.width)
        }
        for row in 0..<(rect.height / 2) {
            (u + (rect.y / 2 + row) * us + rect.x / 2).update(from: su + row * sus, count: rect.width / 2)
            (v + (rect.y / 2 + row) * vs + rect.x / 2).update(from: sv + row * svs, count: rect.width / 2)
        }
    }

    /// Fills a rectangle of a YUV 4:2:0 picture (edges even, but for the
    /// picture's own odd last column or row), clipped to the picture.
    public func fill(_ rect: Rect, with color: YUVColor) {
        let (y, u, v) = planes
        let (ys, us, vs) = lineSizes
        let rect = rect.clipped(toWidth: width, height: height)
        guard let y, let u, let v, rect.width > 0, rect.height > 0 else { return }
        for row in rect.y..<(rect.y + rect.height) {
            (y + row * ys + rect.x).update(repeating: color.y, count: rect.width)
        }
        // Chroma covers every 2x2 block the rectangle touches: an odd last
        // column or row of the picture is filled too.
        let chromaLeft = rect.x / 2, chromaRight = (rect.x + rect.width + 1) / 2
        for row in (rect.y / 2)..<((rect.y + rect.height + 1) / 2) {
            (u + row * us + chromaLeft).update(repeating: color.u, count: chromaRight - chromaLeft)
            (v + row * vs + chromaLeft).update(repeating: color.v, count: chromaRight - chromaLeft)
        }
    }

    /// The Y, U and V values at a pixel (for tests and checks).
    public func sample(x: Int, y: Int) -> YUVColor {
        let (yp, up, vp) = planes
        let (ys, us, vs) = lineSizes
        return YUVColor(y: yp![y * ys + x], u: up![(y / 2) * us + x / 2], v: vp![(y / 2) * vs + x / 2])
    }
}

/// A pixel rectangle.
public struct Rect: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
    /// The part of this rectangle inside a `width`×`height` picture: what
    /// may be written there.
    public func clipped(toWidth width: Int, height: Int) -> Rect {
        let left = Swift.max(0, x), top = Swift.max(0, y)
        let right = Swift.min(width, x + self.width), bottom = Swift.min(height, y + self.height)
        return Rect(x: left, y: top, width: Swift.max(0, right - left), height: Swift.max(0, bottom - top))
    }

    /// The same rectangle with every edge on an even pixel (4:2:0 chroma needs it).
    public var evenAligned: Rect {
        let left = x & ~1, top = y & ~1
        let right = (x + width) & ~1, bottom = (y + height) & ~1
        return Rect(x: left, y: top, width: Swift.max(0, right - left), height: Swift.max(0, bottom - top))
    }
}

/// A color in limited-range BT.601 YUV, the space of the canvas.
public struct YUVColor: Equatable, Hashable, Sendable {
    public var y: UInt8, u: UInt8, v: UInt8
    public init(y: UInt8, u: UInt8, v: UInt8) { self.y = y; self.u = u; self.v = v }

    public init(red: Int, green: Int, blue: Int) {
        let r = Double(red), g = Double(green), b = Double(blue)
        func clamp(_ value: Double) -> UInt8 { UInt8(Swift.max(0, Swift.min(255, value.rounded()))) }
        y = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b)
        u = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b)
        v = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b)
    }

    /// "#rrggbb" or "#rgb".
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        if digits.count == 3 { digits = Substring(digits.map { "\($0)\($0)" }.joined()) }
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
        self.init(red: value >> 16 & 0xff, green: value >> 8 & 0xff, blue: value & 0xff)
    }

    public static let black = YUVColor(y: 16, u: 128, v: 128)

    /// Back to 0…255 RGB (BT.601 limited range).
    public var rgb: (Int, Int, Int) {
        let c = 1.164 * (Double(y) - 16), d = Double(u) - 128, e = Double(v) - 128
        func clamp(_ value: Double) -> Int { Swift.max(0, Swift.min(255, Int(value.rounded()))) }
        return (clamp(c + 1.596 * e), clamp(c - 0.392 * d - 0.813 * e), clamp(c + 2.017 * d))
    }
}
