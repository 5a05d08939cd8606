/// VP9 payload format (RFC 9628).
public struct VP9Depacketizer: Depacketizer {
    public init() {}

    public var framesAreSinglePackets: Bool { false }

    struct Descriptor {
        var length: Int
        var interPicturePredicted: Bool
        var beginsFrame: Bool
        var endsFrame: Bool
        var spatialLayer: Int
        var width: Int?
        var height: Int?
    }

    /// Reads the payload descriptor (RFC 9628 §4.2) and, when present, the
    /// scalability structure (§4.2.1) for the base layer's resolution.
    static func descriptor(_ payload: ArraySlice<UInt8>) throws(RTPError) -> Descriptor {
        func need(_ n: Int) throws(RTPError) {
            guard payload.count >= n else { throw .badPayload(codec: "VP9", reason: "descriptor truncated at \(payload.count) bytes") }
        }
        try need(1)
        let b0 = payload.u8(0)
        let hasPictureID = b0 & 0x80 != 0, predicted = b0 & 0x40 != 0, hasLayers = b0 & 0x20 != 0
        let flexible = b0 & 0x10 != 0, begins = b0 & 0x08 != 0, ends = b0 & 0x04 != 0, hasSS = b0 & 0x02 != 0
        var offset = 1
        if hasPictureID {
            try need(offset + 1)
            offset += payload.u8(offset) & 0x80 != 0 ? 2 : 1
        }
        var spatialLayer = 0
        if hasLayers {
            try need(offset + 1)
            spatialLayer = Int(payload.u8(offset) >> 1 & 0x07)
            offset += flexible ? 1 : 2  // TL0PICIDX only in non-flexible mode
        }
        if flexible && predicted {
            // Up to three reference indices, each with an N (more follow) bit.
            for _ in 0..<3 {
                try need(offset + 1)
                let more = payload.u8(offset) & 0x01 != 0
                offset += 1
                if !more { break }
            }
        }
        var width: Int?, height: Int?
        if hasSS {
            try need(offset + 1)
            let ss = payload.u8(offset)
            let layers = Int(ss >> 5) + 1
            let hasSizes = ss & 0x10 != 0, hasGroup = ss & 0x08 != 0
            offset += 1
            if hasSizes {
                try need(offset + 4 * layers)
                width = Int(payload.u16(offset))
                height = Int(payload.u16(offset + 2))
                offset += 4 * layers
            }
            if hasGroup {
                try need(offset + 1)
                let pictures = Int(payload.u8(offset))
                offset += 1
                for _ in 0..<pictures {
                    try need(offset + 1)
                    let references = Int(payload.u8(offset) >> 2 & 0x03)
                    offset += 1 + references
                }
            }
        }
        try need(offset + 1)
        return Descriptor(
            length: offset, interPicturePredicted: predicted, beginsFrame: begins, endsFrame: ends,
            spatialLayer: spatialLayer, width: width, height: height)
    }

    /// From a VP9 uncompressed header (VP9 bitstream spec §6.2): whether it is
    /// a key frame and, if so, its size.
    static func keyframeSize(_ frame: ArraySlice<UInt8>) throws(RTPError) -> (isKey: Bool, width: Int?, height: Int?) {
        var bits = BitReader(frame)
        guard try bits.bits(2) == 2 else { throw .badPayload(codec: "VP9", reason: "bad frame marker") }
        let low = try bits.bit(), high = try bits.bit()
        let profile = high << 1 | low
        if profile == 3 { try bits.skip(1) }
        if try bits.flag() { return (false, nil, nil) }  // show_existing_frame
        let isKey = try bits.bit() == 0
        guard isKey else { return (false, nil, nil) }
        try bits.skip(2)  // show_frame, error_resilient_mode
        guard try bits.bits(24) == 0x498342 else { throw .badPayload(codec: "VP9", reason: "bad sync code") }
        if profile >= 2 { try bits.skip(1) }  // ten_or_twelve_bit
        let colorSpace = try bits.bits(3)
        if colorSpace != 7 {  // not CS_RGB
            try bits.skip(1)  // color_range
            if profile == 1 || profile == 3 { try bits.skip(3) }
        } else if profile == 1 || profile == 3 {
            try bits.skip(1)
        }
        let width = Int(try bits.bits(16)) + 1
        let height = Int(try bits.bits(16)) + 1
        return (true, width, height)
    }

    public func inspect(_ payload: ArraySlice<UInt8>) throws(RTPError) -> PayloadInfo {
        let d = try Self.descriptor(payload)
        let isStart = d.beginsFrame && d.spatialLayer == 0
        var info = PayloadInfo(isFrameStart: isStart, isKeyframe: false, width: d.width, height: d.height)
        if isStart && !d.interPicturePredicted {
            let header = try? Self.keyframeSize(payload.view(from: d.length))
            if let header, header.isKey {
                info.isKeyframe = true
                info.width = info.width ?? header.width
                info.height = info.height ?? header.height
            }
        }
        return info
    }

    public func append(_ payload: ArraySlice<UInt8>, to frame: inout [UInt8]) throws(RTPError) {
        let d = try Self.descriptor(payload)
        frame.append(contentsOf: payload.view(from: d.length))
    }
}
