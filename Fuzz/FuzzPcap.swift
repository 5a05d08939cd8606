import Dump

/// libFuzzer entry: the pcap/pcapng reader and the link-layer decoder
/// (Ethernet, VLAN, Linux cooked, loopback, raw IPv4/IPv6, UDP) must return
/// or refuse on any capture, never trap; every datagram found lies inside
/// its frame.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPcap(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let reader = try? PcapReader(bytes: bytes) else { return 0 }
    for frame in reader.prefix(10_000) {
        if case let .success(datagram) = LinkDecoder.udp(in: frame),
           datagram.payload.count > frame.data.count {
            fatalError("a datagram's payload lies outside its frame")
        }
    }
    return 0
}
