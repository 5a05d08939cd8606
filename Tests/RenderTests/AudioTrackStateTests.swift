import Dump
import Media
@testable import Render
import RTP
import Testing

/// Audio placement: packets are stitched end to end and nothing is ever
/// added to a part of the mix that was already handed out, whatever the
/// clock mapping does (here it wanders later by up to 40 ms, as timestamp
/// rounding and offset refinement make it do).
@Suite struct AudioTrackStateTests {
    @Test(arguments: [Int64(0), 500, 2_000])
    func mixHasNoHolesWhenTheClockWanders(stepMicros: Int64) throws {
        let track = DumpTrack(id: 1, participantID: "p", kind: .audio, codec: "PCMU", clockRate: 8_000, payloadType: 0)
        let state = try AudioTrackState(track: track, codec: .pcmu, channels: 1)
        var mixer = AudioMixer(channels: 1)
        var output: [Float] = []
        let packets = 100
        for n in 0..<packets {
            let packet = RTPPacketFields(payloadType: 0, sequenceNumber: UInt16(n), timestamp: UInt32(n * 160), ssrc: 7,
                                         payload: Array(repeating: 0x00, count: 160)).serialize()
            state.push(try RTPPacket(parsing: packet[...]), arrival: Int64(n) * 20_000)
        }
        state.finish()
        #expect(state.finalSummary.framesAssembled == packets)
        // The mapping drifts later by `stepMicros` per packet, up to 40 ms.
        let timeOf = { (timestamp: Int64, _: Int) -> Int64 in
            let index = (timestamp & 0xffff_ffff) / 160  // the assembler extends timestamps past 2^32
            return index * 20_000 + Swift.min(40_000, index * stepMicros)
        }
        for tick in 1...(packets + 5) {
            let end = Int64(tick) * 20_000
            state.mix(until: end, into: &mixer, timeOf: timeOf)
            output += mixer.take(until: end * 48_000 / 1_000_000)
        }
        #expect(mixer.lateSamples == 0)
        // μ-law 0x00 is a constant near full scale: a hole would be a run of zeros.
        let firstSound = try #require(output.firstIndex { $0 != 0 })
        let lastSound = try #require(output.lastIndex { $0 != 0 })
        #expect(output[firstSound...lastSound].allSatisfy { $0 != 0 })
        #expect(lastSound - firstSound + 1 >= packets * 960 - 960)
    }
}
