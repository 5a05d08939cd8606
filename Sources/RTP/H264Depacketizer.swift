/// H.264 payload format (RFC 6184), packetization modes 0 and 1: single NAL
/// units, STAP-A (§5.7.1) and FU-A (§5.8). Output is Annex-B: each NAL unit
/// behind a 4-byte start code.
public struct H264Depacketizer: Depacketizer {
    public init() {}

    public var framesAreSinglePackets: Bool { false }

    static let startCode: [UInt8] = [0, 0, 0, 1]

    enum NALType {
        static let idr: UInt8 = 5
        static let sps: UInt8 = 7
        static let stapA: UInt8 = 24
        static let fuA: UInt8 = 28
    }

    public func inspect(_ payload: ArraySlice<UInt8>) throws(RTPError) -> PayloadInfo {
        guard payload.count >= 1 else { throw .badPayload(codec: "H264", reason: "empty payload") }
        let type = payload.u8(0) & 0x1f
        switch type {
        case 1...23:
            var info = PayloadInfo(isFrameStart: true, isKeyframe: false)
            Self.note(nal: payload, in: &info)
            return info
        case NALType.stapA:
            var info = PayloadInfo(isFrameStart: true, isKeyframe: false)
            try Self.forEachAggregated(payload) { nal in Self.note(nal: nal, in: &info) }
            return info
        case NALType.fuA:
            guard payload.count >= 3 else { throw .badPayload(codec: "H264", reason: "FU-A shorter than 3 bytes") }
            let header = payload.u8(1)
            let isStart = header & 0x80 != 0
            let nalType = header & 0x1f
            return PayloadInfo(
                isFrameStart: isStart, isKeyframe: isStart && (nalType == NALType.idr || nalType == NALType.sps))
        default:
            throw .badPayload(codec: "H264", reason: "NAL unit type \(type) is not allowed in packetization mode 1")
        }
    }

    public func append(_ payload: ArraySlice<UInt8>, to frame: inout [UInt8]) throws(RTPError) {
        guard payload.count >= 1 else { throw .badPayload(codec: "H264", reason: "empty payload") }
        let type = payload.u8(0) & 0x1f
        switch type {
        case 1...23:
            frame.append(contentsOf: Self.startCode)
            frame.append(contentsOf: payload)
        case NALType.stapA:
            try Self.forEachAggregated(payload) { nal in
                frame.append(contentsOf: Self.startCode)
                frame.append(contentsOf: nal)
            }
        case NALType.fuA:
            guard payload.count >= 3 else { throw .badPayload(codec: "H264", reason: "FU-A shorter than 3 bytes") }
            let header = payload.u8(1)
            if header & 0x80 != 0 {
                // Rebuild the NAL header: F and NRI from the indicator, type from the FU header (§5.8).
                frame.append(contentsOf: Self.startCode)
                frame.append(payload.u8(0) & 0xe0 | header & 0x1f)
            }
            frame.append(contentsOf: payload.view(from: 2))
        default:
            throw .badPayload(codec: "H264", reason: "NAL unit type \(type) is not allowed in packetization mode 1")
        }
    }

    /// Calls `body` with each NAL unit of a STAP-A: 16-bit size, then the unit (§5.7.1).
    static func forEachAggregated(
        _ payload: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) throws(RTPError) -> Void
    ) throws(RTPError) {
        var offset = 1
        var units = 0
        while offset < payload.count {
            guard offset + 2 <= payload.count else { throw .badPayload(codec: "H264", reason: "STAP-A size field truncated") }
            let size = Int(payload.u16(offset))
            offset += 2
            guard size > 0, offset + size <= payload.count else {
                throw .badPayload(codec: "H264", reason: "STAP-A unit of \(size) bytes overruns the packet")
            }
            try body(payload.view(offset, size))
            offset += size
            units += 1
        }
        guard units > 0 else { throw .badPayload(codec: "H264", reason: "empty STAP-A") }
    }

    private static func note(nal: ArraySlice<UInt8>, in info: inout PayloadInfo) {
        let type = nal.u8(0) & 0x1f
        if type == NALType.idr { info.isKeyframe = true }
        if type == NALType.sps {
            info.isKeyframe = true
            if let size = try? H264SequenceParameterSet(nal: nal) {
                info.width = size.width
                info.height = size.height
            }
        }
    }
}
