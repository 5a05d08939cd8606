import Dump
import RTP
import Testing
@testable import Render

/// RTX retransmissions (RFC 4588) stored in a live dump fill the holes they
/// were sent for: the renderer assembles the frame instead of dropping it.
@Suite struct TrackIntakeTests {
    static let track = DumpTrack(id: 1, participantID: "p", kind: .video, codec: "VP8", clockRate: 90_000, payloadType: 96,
                                 retransmissionPayloadTypes: [97: 96], ssrc: 5, retransmissionSSRC: 6)

    static func vp8(_ sequence: UInt16, timestamp: UInt32, start: Bool, key: Bool = false, marker: Bool) -> [UInt8] {
        let descriptor: [UInt8] = start ? (key ? [0x10, 0x9c, 0x01, 0x2a, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00] : [0x10, 0x01, 0x00, 0x00]) : [0x00]
        return RTPPacketFields(marker: marker, payloadType: 96, sequenceNumber: sequence, timestamp: timestamp, ssrc: 5,
                               payload: descriptor + [UInt8](repeating: UInt8(sequence & 0xff), count: 50)).serialize()
    }

    static func rtx(of original: [UInt8], sequence: UInt16) throws -> [UInt8] {
        let packet = try RTPPacket(parsing: original)
        return RTPPacketFields(marker: packet.marker, payloadType: 97, sequenceNumber: sequence, timestamp: packet.timestamp, ssrc: 6,
                               payload: [UInt8(packet.sequenceNumber >> 8), UInt8(packet.sequenceNumber & 0xff)] + Array(packet.payload)).serialize()
    }

    func run(repair: Bool) throws -> TrackIntake {
        var intake = TrackIntake(track: Self.track, codec: .vp8)
        let frames = [Self.vp8(10, timestamp: 0, start: true, key: true, marker: true),
                      Self.vp8(11, timestamp: 3000, start: true, marker: false), Self.vp8(12, timestamp: 3000, start: false, marker: true),
                      Self.vp8(13, timestamp: 6000, start: true, marker: true)]
        for (index, bytes) in frames.enumerated() where index != 2 {  // packet 12 is lost on the way
            intake.push(try RTPPacket(parsing: bytes), arrival: Int64(index) * 33_000)
        }
        if repair { intake.push(try RTPPacket(parsing: try Self.rtx(of: frames[2], sequence: 1)), arrival: 120_000) }
        intake.finish()
        return intake
    }

    @Test func retransmissionsFillTheirHoles() throws {
        let repaired = try run(repair: true)
        #expect(repaired.framesAssembled == 3 && repaired.droppedByReason.isEmpty && repaired.retransmissionsUsed == 1)
        let broken = try run(repair: false)
        #expect(broken.framesAssembled < 3 && !broken.droppedByReason.isEmpty, "without the RTX packet the frame is lost")
    }
}
