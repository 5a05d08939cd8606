/// VP8 payload format (RFC 7741).
public struct VP8Depacketizer: Depacketizer {
    public init() {}

    public var framesAreSinglePackets: Bool { false }

    /// The payload descriptor's length (RFC 7741 §4.2).
    static func descriptorLength(_ payload: ArraySlice<UInt8>) throws(RTPError) -> Int {
        guard payload.count >= 1 else { throw .badPayload(codec: "VP8", reason: "empty payload") }
        let b0 = payload.u8(0)
        var length = 1
        if b0 & 0x80 != 0 {  // X: extended control bits follow
            guard payload.count >= 2 else { throw .badPayload(codec: "VP8", reason: "X set but no extension byte") }
            let x = payload.u8(1)
            length = 2
            if x & 0x80 != 0 {  // I: PictureID, 7 or 15 bits (M)
                guard payload.count > length else { throw .badPayload(codec: "VP8", reason: "PictureID missing") }
                length += payload.u8(length) & 0x80 != 0 ? 2 : 1
            }
            if x & 0x40 != 0 { length += 1 }  // L: TL0PICIDX
            if x & 0x30 != 0 { length += 1 }  // T or K: TID/Y/KEYIDX
        }
        guard payload.count > length else { throw .badPayload(codec: "VP8", reason: "descriptor of \(length) bytes leaves no data") }
        return length
    }

    public func inspect(_ payload: ArraySlice<UInt8>) throws(RTPError) -> PayloadInfo {
        let length = try Self.descriptorLength(payload)
        let b0 = payload.u8(0)
        let isStart = b0 & 0x10 != 0 && b0 & 0x07 == 0  // S=1 and PID=0
        guard isStart else { return PayloadInfo(isFrameStart: false, isKeyframe: false) }
        let frame = payload.view(from: length)
        // VP8 frame tag (RFC 6386 §9.1): P bit 0 means key frame.
        let isKey = frame.u8(0) & 0x01 == 0
        var info = PayloadInfo(isFrameStart: true, isKeyframe: isKey)
        if isKey && frame.count >= 10 && frame.u8(3) == 0x9d && frame.u8(4) == 0x01 && frame.u8(5) == 0x2a {
            info.width = Int(UInt16(frame.u8(6)) | UInt16(frame.u8(7)) << 8) & 0x3fff
            info.height = Int(UInt16(frame.u8(8)) | UInt16(frame.u8(9)) << 8) & 0x3fff
        }
        return info
    }

    public func append(_ payload: ArraySlice<UInt8>, to frame: inout [UInt8]) throws(RTPError) {
        let length = try Self.descriptorLength(payload)
        frame.append(contentsOf: payload.view(from: length))
    }
}
