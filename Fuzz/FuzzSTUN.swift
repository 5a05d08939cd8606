import WebRTC

/// libFuzzer entry: the STUN parser, the integrity check, the ICE agent and
/// the RFC 7983 classifier must not trap on any datagram; what parses must serialize and
/// parse again to the same message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTUN(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = PacketKind(classifying: bytes[...])
    var agent = ICEAgent(local: ICECredentials(ufrag: "a", password: "password"), tieBreaker: 1)
    _ = agent.handle(bytes[...], from: STUNAddress(ip: [127, 0, 0, 1], port: 9), now: 0)
    _ = agent.advance(to: 60_000_000)
    _ = STUNMessage.verifyIntegrity(of: bytes[...], key: Array("password".utf8))
    if let message = try? STUNMessage(parsing: bytes[...]) {
        // Written again (with integrity and fingerprint of its own), it reads back the same
        // message, and its integrity checks out with the key it was written with.
        let again = message.serialize(integrityKey: Array("key".utf8))
        func content(_ m: STUNMessage) -> [STUNAttribute] {
            m.attributes.filter { if case .messageIntegrity = $0 { false } else if case .fingerprint = $0 { false } else { true } }
        }
        guard let reparsed = try? STUNMessage(parsing: again[...]), reparsed.transactionID == message.transactionID,
              reparsed.method == message.method, reparsed.messageClass == message.messageClass, content(reparsed) == content(message) else {
            fatalError("a parsed STUN message did not survive serialization: \(message)")
        }
        guard STUNMessage.verifyIntegrity(of: again[...], key: Array("key".utf8)) else { fatalError("our own integrity does not verify") }
        _ = message.username
        _ = message.xorMappedAddress
    }
    return 0
}
