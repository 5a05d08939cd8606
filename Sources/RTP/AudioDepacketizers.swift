/// Opus payload format (RFC 7587 §4.2): one Opus packet per RTP payload.
public struct OpusDepacketizer: Depacketizer {
    public init() {}
    public var framesAreSinglePackets: Bool { true }

    public func inspect(_ payload: ArraySlice<UInt8>) throws(RTPError) -> PayloadInfo {
        guard !payload.isEmpty else { throw .badPayload(codec: "opus", reason: "empty payload") }
        return PayloadInfo(isFrameStart: true, isFrameEnd: true, isKeyframe: true)
    }

    public func append(_ payload: ArraySlice<UInt8>, to frame: inout [UInt8]) throws(RTPError) {
        frame.append(contentsOf: payload)
    }
}

/// G.711 PCMU/PCMA (RFC 3551 §4.5.14): one byte per sample, any count per packet.
public struct G711Depacketizer: Depacketizer {
    public init() {}
    public var framesAreSinglePackets: Bool { true }

    public func inspect(_ payload: ArraySlice<UInt8>) throws(RTPError) -> PayloadInfo {
        guard !payload.isEmpty else { throw .badPayload(codec: "G.711", reason: "empty payload") }
        return PayloadInfo(isFrameStart: true, isFrameEnd: true, isKeyframe: true)
    }

    public func append(_ payload: ArraySlice<UInt8>, to frame: inout [UInt8]) throws(RTPError) {
        frame.append(contentsOf: payload)
    }
}
