import RTP

/// libFuzzer entry: the VP9 depacketizer (see `fuzzDepacketizer`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVP9(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzDepacketizer(.vp9, data, size)
    return 0
}
