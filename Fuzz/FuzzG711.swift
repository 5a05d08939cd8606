import RTP

/// libFuzzer entry: the G711 depacketizer (see `fuzzDepacketizer`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzG711(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzDepacketizer(.pcmu, data, size)
    return 0
}
