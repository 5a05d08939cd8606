import Dump

/// libFuzzer entry: the dump parser (fed in two chunks, then finished), the
/// pcap/pcapng reader with link decoding, must return or throw on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDump(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var parser = DumpParser()
    let split = bytes.count / 2
    parser.append(Array(DumpEncoder.header(DumpHeader(anchorWallClockMicros: 0))) + Array(bytes[..<split]))
    while let _ = try? parser.next() {}
    parser.append(Array(bytes[split...]))
    parser.finish()
    while let _ = try? parser.next() {}

    var raw = DumpParser()
    raw.append(bytes)
    raw.finish()
    while let _ = try? raw.next() {}

    if let reader = try? PcapReader(bytes: bytes) {
        for frame in reader { _ = LinkDecoder.udp(in: frame) }
    }
    return 0
}
