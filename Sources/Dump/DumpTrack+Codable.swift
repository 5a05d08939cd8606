import RTP

/// JSON form of a track record. Maps keyed by payload type or extension id are
/// written as objects with decimal string keys, which other tools read easily.
extension DumpTrack {
    enum CodingKeys: String, CodingKey {
        case id, participantID, participantName, trackName, kind, codec, clockRate, channels, formatParameters
        case payloadType, retransmissionPayloadTypes, headerExtensions, ssrc, retransmissionSSRC
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UInt16.self, forKey: .id)
        participantID = try c.decode(String.self, forKey: .participantID)
        participantName = try c.decodeIfPresent(String.self, forKey: .participantName)
        trackName = try c.decodeIfPresent(String.self, forKey: .trackName)
        kind = try c.decode(Kind.self, forKey: .kind)
        codec = try c.decode(String.self, forKey: .codec)
        clockRate = try c.decode(Int.self, forKey: .clockRate)
        // A dump is outside input: a known codec has its one clock rate, any
        // other a plausible one, and audio at most 8 channels.
        if let known = RTPCodec(encodingName: codec), known.clockRate != clockRate {
            throw DecodingError.dataCorruptedError(forKey: .clockRate, in: c, debugDescription: "\(codec) runs at \(known.clockRate) Hz, not \(clockRate)")
        }
        guard (1...1_000_000).contains(clockRate) else {
            throw DecodingError.dataCorruptedError(forKey: .clockRate, in: c, debugDescription: "clock rate must be 1 to 1000000 Hz")
        }
        channels = try c.decodeIfPresent(Int.self, forKey: .channels)
        if let channels, !(1...8).contains(channels) {
            throw DecodingError.dataCorruptedError(forKey: .channels, in: c, debugDescription: "channels must be 1 to 8")
        }
        formatParameters = try c.decodeIfPresent(String.self, forKey: .formatParameters)
        payloadType = try c.decode(UInt8.self, forKey: .payloadType)
        retransmissionPayloadTypes = try Self.byteKeyed(c.decodeIfPresent([String: UInt8].self, forKey: .retransmissionPayloadTypes))
        headerExtensions = try Self.byteKeyed(c.decodeIfPresent([String: String].self, forKey: .headerExtensions))
        ssrc = try c.decodeIfPresent(UInt32.self, forKey: .ssrc)
        retransmissionSSRC = try c.decodeIfPresent(UInt32.self, forKey: .retransmissionSSRC)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(participantID, forKey: .participantID)
        try c.encodeIfPresent(participantName, forKey: .participantName)
        try c.encodeIfPresent(trackName, forKey: .trackName)
        try c.encode(kind, forKey: .kind)
        try c.encode(codec, forKey: .codec)
        try c.encode(clockRate, forKey: .clockRate)
        try c.encodeIfPresent(channels, forKey: .channels)
        try c.encodeIfPresent(formatParameters, forKey: .formatParameters)
        try c.encode(payloadType, forKey: .payloadType)
        try c.encode(Dictionary(uniqueKeysWithValues: retransmissionPayloadTypes.map { (String($0.key), $0.value) }),
                     forKey: .retransmissionPayloadTypes)
        try c.encode(Dictionary(uniqueKeysWithValues: headerExtensions.map { (String($0.key), $0.value) }),
                     forKey: .headerExtensions)
        try c.encodeIfPresent(ssrc, forKey: .ssrc)
        try c.encodeIfPresent(retransmissionSSRC, forKey: .retransmissionSSRC)
    }

    private static func byteKeyed<V>(_ map: [String: V]?) throws -> [UInt8: V] {
        var out: [UInt8: V] = [:]
        for (key, value) in map ?? [:] {
            guard let byte = UInt8(key) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "key \(key) is not 0...255"))
            }
            out[byte] = value
        }
        return out
    }
}
