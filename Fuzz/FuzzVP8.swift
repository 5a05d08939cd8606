import RTP

/// libFuzzer entry: the VP8 depacketizer (see `fuzzDepacketizer`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVP8(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzDepacketizer(.vp8, data, size)
    return 0
}
