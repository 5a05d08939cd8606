import SDP

/// libFuzzer entry: the SDP parser and its derived views must not trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSDP(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let sdp = try? SessionDescription.parse(text) {
        // What parses must write out and parse back to the same description.
        guard let again = try? SessionDescription.parse(sdp.text), again == sdp else {
            fatalError("SDP did not survive serialization")
        }
        for media in sdp.media {
            _ = media.rtpMaps
            _ = media.formatParameters
            _ = media.headerExtensions
            _ = media.retransmissionPayloadTypes
            _ = media.rtcpPort
        }
    }
    return 0
}
