import Foundation

/// libFuzzer entry: built-in room signaling and room tokens, compiled in
/// from their sources (their modules pull in NIO and GRDB, which the fuzz
/// build does not link). The input is split at NUL bytes into messages
/// from two members of one room; a room token made of the input is verified.
/// Round trip: a token we sign verifies back to its grant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRooms(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let room = SignalingRoom(name: "fuzz")
    _ = room.connect(SignalingPeer(id: "a", name: "A", mayRecord: true), now: 0)
    _ = room.connect(SignalingPeer(id: "b", name: "B"), now: 0)
    var now: Int64 = 1
    for (index, message) in bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(64).enumerated() {
        _ = room.receive(String(decoding: message, as: UTF8.self), from: index % 2 == 0 ? "a" : "b", now: now)
        now += Int64(message.first ?? 1) * 10_000
    }
    _ = room.disconnect("b")

    let signer = RoomTokenSigner(key: Array("fuzz-key-0123456789abcdef".utf8))
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? signer.verify(text, room: "fuzz", now: 0)
    let grant = RoomGrant(room: "fuzz", name: String(text.prefix(64)), mayRecord: bytes.first.map { $0 & 1 == 1 } ?? false, expires: 100)
    guard let back = try? signer.verify(signer.token(for: grant), room: "fuzz", now: 50), back == grant else {
        fatalError("a token we signed does not verify back to its grant")
    }
    return 0
}
