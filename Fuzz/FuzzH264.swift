import RTP

/// libFuzzer entry: the H264 depacketizer (see `fuzzDepacketizer`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzH264(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzDepacketizer(.h264, data, size)
    return 0
}
