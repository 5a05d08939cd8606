import RTP

/// libFuzzer entry: the RTP parser and the frame assembler must return or
/// throw on any bytes, never trap. Round trip: a packet that parses, written
/// again from its fields (header extensions included when they validate),
/// parses back to the same fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let packet = try? RTPPacket(parsing: bytes) {
        let fields = fieldsOf(packet)
        guard let again = try? RTPPacket(parsing: fields.serialize()), fieldsOf(again) == fields else {
            fatalError("an RTP packet did not survive serialization")
        }
    }
    // Split the input into packets for the assembler: [codec][len][bytes][len][bytes]...
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

/// What a parsed packet says, in the form the serializer writes.
func fieldsOf(_ packet: RTPPacket) -> RTPPacketFields {
    let extensions = (try? packet.headerExtensions.validated())?.map { (id: $0.id, data: Array($0.data)) } ?? []
    return RTPPacketFields(marker: packet.marker, payloadType: packet.payloadType, sequenceNumber: packet.sequenceNumber,
                           timestamp: packet.timestamp, ssrc: packet.ssrc, csrcs: packet.csrcs, extensions: extensions,
                           payload: Array(packet.payload), paddingLength: UInt8(clamping: packet.paddingLength))
}
