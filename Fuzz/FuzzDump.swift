import Dump
import RTP

/// libFuzzer entry: the dump parser (fed in two chunks, then finished), the
/// pcap/pcapng reader with link decoding, and tar archives and the Janus .mjr reader must return or throw on any bytes.
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

    if let archive = try? TarArchive(bytes: bytes) {
        for entry in archive.entries { _ = try? MJRFile(bytes: entry.bytes) }
    }
    _ = TarArchive.paxPath(bytes)

    if let recording = try? MJRFile(bytes: bytes) {
        for frame in recording.frames { _ = try? RTPPacket(parsing: frame.packet) }
    }
    return 0
}
