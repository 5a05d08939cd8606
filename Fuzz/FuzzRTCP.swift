import RTP

/// libFuzzer entry: RTCP compound packets (RFC 3550 §6, RFC 4585 feedback,
/// REMB) must parse or throw, never trap. Round trip: what parses, written
/// as a compound again, parses back to the same packets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRTCP(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let packets = try? RTCPPacket.parseCompound(bytes) else { return 0 }
    let written = RTCPPacket.serializeCompound(packets)
    guard let again = try? RTCPPacket.parseCompound(written), again == packets else {
        fatalError("RTCP did not survive serialization: \(packets)")
    }
    return 0
}
