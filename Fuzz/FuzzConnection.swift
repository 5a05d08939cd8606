import WebRTC

/// libFuzzer entry: a receive-only connection (ICE nominated, DTLS server
/// waiting) takes any datagrams from its peer and from strangers — the
/// RFC 7983 demultiplexer, ICE, DTLS (OpenSSL) and the SRTP guard must
/// refuse garbage without trapping — and trickled candidate lines parse or
/// are refused with a reason.
nonisolated(unsafe) private var connection: ReceiveConnection?
nonisolated(unsafe) private var clock: Int64 = 0
private let peer = STUNAddress(ip: [127, 0, 0, 1], port: 9)
private let local = ICECredentials(ufrag: "tess", password: "local-password-0123456789")

private func makeConnection() -> ReceiveConnection {
    let media = [NegotiatedMedia(mid: "0", kind: "video", codecs: [.init(payloadType: 96, name: "VP8", clockRate: 90_000, retransmissionPayloadType: 97)])]
    let made = try! ReceiveConnection(
        configuration: .init(localICE: local, remoteICE: ICECredentials(ufrag: "peer", password: "remote-password-0123456789"),
                             dtlsRole: .server, remoteFingerprint: "sha-256 00", media: media),
        certificate: try! DTLSCertificate())
    let check = STUNMessage(messageClass: .request, transactionID: Array(repeating: 1, count: 12),
                            attributes: [.username("tess:peer"), .priority(1), .iceControlling(tieBreaker: 1), .useCandidate])
        .serialize(integrityKey: Array(local.password.utf8))
    _ = made.handle(check, from: peer, now: 0)
    return made
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConnection(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if connection == nil || connection!.isClosed { connection = makeConnection() }
    // Datagrams: a length byte, then that many bytes; the top bit of the length says "from a stranger".
    var offset = 0
    while offset < bytes.count {
        let length = Int(bytes[offset] & 0x7F) * 12
        let stranger = bytes[offset] & 0x80 != 0
        let end = Swift.min(bytes.count, offset + 1 + length)
        let datagram = Array(bytes[Swift.min(offset + 1, end)..<end])
        clock += 7_000
        _ = connection!.handle(datagram, from: stranger ? STUNAddress(ip: [10, 0, 0, 1], port: 5) : peer, now: clock)
        _ = STUNMessage.localUfrag(inCheck: datagram[...])
        offset = end
    }
    _ = connection!.advance(to: clock)
    _ = try? ICECandidate(parsing: String(decoding: bytes, as: UTF8.self))
    return 0
}
