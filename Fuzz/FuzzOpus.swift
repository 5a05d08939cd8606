import RTP

/// libFuzzer entry: the Opus depacketizer (see `fuzzDepacketizer`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpus(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzDepacketizer(.opus, data, size)
    return 0
}
