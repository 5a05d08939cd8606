import Dump
import RTP

/// libFuzzer entry: Janus .mjr recordings (v2, v1 and the headerless form)
/// must read or refuse, never trap; every frame is a slice of the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMJR(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let recording = try? MJRFile(bytes: bytes) else { return 0 }
    var total = 0
    for frame in recording.frames {
        total += frame.packet.count
        _ = try? RTPPacket(parsing: frame.packet)
    }
    if total > bytes.count { fatalError("an .mjr file gave more packet bytes than it holds") }
    return 0
}
