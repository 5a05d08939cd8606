import RTP

/// One depacketizer on hostile payloads: the input is split into payloads
/// (`[length][bytes]…`) appended to one frame, as a frame's packets are.
/// Each must be inspected and appended or refused, never trap, and the
/// frame grows by a bounded amount per payload (a crafted payload cannot
/// make a depacketizer write more than a few times its size).
func fuzzDepacketizer(_ codec: RTPCodec, _ data: UnsafePointer<UInt8>, _ size: Int) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let depacketizer = codec.makeDepacketizer()
    var frame: [UInt8] = []
    var offset = 0
    while offset < bytes.count {
        let length = Int(bytes[offset]) * 4 + 1
        offset += 1
        let payload = bytes[offset..<min(bytes.count, offset + length)]
        offset = payload.endIndex
        _ = try? depacketizer.inspect(payload)
        let before = frame.count
        if (try? depacketizer.append(payload, to: &frame)) != nil, frame.count - before > 3 * payload.count + 8 {
            fatalError("\(codec) wrote \(frame.count - before) bytes for a payload of \(payload.count)")
        }
    }
    if codec == .h264, bytes.count > 2 {
        _ = try? H264SequenceParameterSet(nal: ([0x67] + bytes)[...])
    }
}
