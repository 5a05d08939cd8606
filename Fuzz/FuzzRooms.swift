import Foundation

/// libFuzzer entry: built-in room signaling, the recorder's call plan and
/// room tokens, compiled in from their sources (their modules pull in NIO
/// and GRDB, which the fuzz build does not link). The input is split at NUL
/// bytes into messages from two members of one room. Round trips: a member
/// message that parses writes back to the same value; a room message reads
/// back to the same text; everything the room sends is a message the
/// recorder can read; a token we sign verifies back to its grant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRooms(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let room = SignalingRoom(name: "fuzz")
    var plan = RecorderCallPlan<Int>()
    var offers = 0
    func follow(_ actions: [SignalingRoom.Action]) {
        for case let .send(to, message) in actions {
            guard let back = RoomMessage.parse(message.text), back.text == message.text else {
                fatalError("the room wrote a message that does not read back: \(message.text)")
            }
            guard to == "rec" else { continue }
            for step in plan.received(back) {
                if case let .makeOffer(peer) = step { offers += 1; _ = plan.offered(offers, sdp: "v=0", to: peer) }
                if case let .accept(peer, _, _, _) = step { _ = plan.answered(peer: peer, ufrag: "u\(offers)", answer: "v=0") }
                if case let .connect(peer, _, _, _, _) = step { _ = plan.connected(peer: peer, ufrag: "c\(offers)") }
            }
        }
    }
    follow(room.connect(SignalingPeer(id: "a", name: "A", mayRecord: true), now: 0))
    follow(room.connect(SignalingPeer(id: "b", name: "B"), now: 0))
    follow(room.connect(SignalingPeer(id: "rec", name: "recorder", role: "recorder"), now: 0))
    var now: Int64 = 1
    for (index, message) in bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(64).enumerated() {
        let text = String(decoding: message, as: UTF8.self)
        if case let .success(parsed) = MemberMessage.parse(text) {
            guard case let .success(again) = MemberMessage.parse(parsed.text), again == parsed else {
                fatalError("a member message does not write back: \(text) → \(parsed.text)")
            }
        }
        if let parsed = RoomMessage.parse(text), RoomMessage.parse(parsed.text)?.text != parsed.text {
            fatalError("a room message does not read back: \(text) → \(parsed.text)")
        }
        follow(room.receive(text, from: index % 2 == 0 ? "a" : "b", now: now))
        now += Int64(message.first ?? 1) * 10_000
    }
    follow(room.disconnect("b"))
    _ = plan.leave()

    let signer = RoomTokenSigner(key: Array("fuzz-key-0123456789abcdef".utf8))
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? signer.verify(text, room: "fuzz", now: 0)
    let grant = RoomGrant(room: "fuzz", name: String(text.prefix(64)), mayRecord: bytes.first.map { $0 & 1 == 1 } ?? false, expires: 100)
    guard let back = try? signer.verify(signer.token(for: grant), room: "fuzz", now: 50), back == grant else {
        fatalError("a token we signed does not verify back to its grant")
    }
    return 0
}
