import RTP

/// libFuzzer entry: RTP and RTCP parsing, header extensions, every depacketizer
/// and the frame assembler must return or throw on any bytes, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? RTCPPacket.parseCompound(bytes)
    if let packet = try? RTPPacket(parsing: bytes) {
        _ = try? packet.headerExtensions.validated()
        _ = packet.csrcs
    }
    for codec in RTPCodec.allCases {
        let d = codec.makeDepacketizer()
        _ = try? d.inspect(bytes[...])
        var frame: [UInt8] = []
        _ = try? d.append(bytes[...], to: &frame)
    }
    if bytes.count > 2 {
        _ = try? H264SequenceParameterSet(nal: ([0x67] + bytes)[...])
    }
    // Split the input into packets for the assembler: [len][bytes]...
    var assembler = FrameAssembler(codec: bytes.first.map { RTPCodec.allCases[Int($0) % RTPCodec.allCases.count] } ?? .vp8,
                                   configuration: .init(capacity: 32, maxWaitMicros: 1000))
    var offset = 1
    var time: Int64 = 0
    while offset < bytes.count {
        let length = Int(bytes[offset])
        offset += 1
        let end = min(bytes.count, offset + length)
        if let packet = try? RTPPacket(parsing: bytes[offset..<end]) {
            assembler.push(packet, arrivalMicros: time)
        }
        time += 700
        offset = end
        while assembler.poll() != nil {}
    }
    assembler.finish()
    while assembler.poll() != nil {}
    return 0
}
