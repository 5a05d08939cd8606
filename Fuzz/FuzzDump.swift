import Dump
import RTP

/// libFuzzer entry: the dump parser, fed in two chunks then finished, and
/// fed whole, must return or throw on any bytes. Round trip: the records
/// read, written again with `DumpEncoder`, read back and written once more
/// give the same bytes (the encoding is a fixed point of reading).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDump(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let header = Array(DumpEncoder.header(DumpHeader(anchorWallClockMicros: 0)))
    var parser = DumpParser()
    let split = bytes.count / 2
    parser.append(header + Array(bytes[..<split]))
    while let _ = try? parser.next() {}
    parser.append(Array(bytes[split...]))
    parser.finish()
    while let _ = try? parser.next() {}

    let first = rewrite(header + bytes, header: header)
    guard rewrite(first, header: header) == first else { fatalError("a dump's records did not survive writing them again") }
    return 0
}

/// The dump's readable records, written again after `header`.
func rewrite(_ bytes: [UInt8], header: [UInt8]) -> [UInt8] {
    var parser = DumpParser()
    parser.append(bytes)
    parser.finish()
    var out = header
    while true {
        guard let item = try? parser.next() else { break }
        if case let .record(timed) = item { try? DumpEncoder.append(timed.record, time: timed.time, to: &out) }
    }
    return out
}
