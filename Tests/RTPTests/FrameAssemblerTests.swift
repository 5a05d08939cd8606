import Testing
@testable import RTP

/// A VP8 stream of `frames` frames, `packetsPerFrame` packets each; frame 0
/// (and every `keyframeEvery`-th) is a key frame. Sequence numbers and
/// timestamps start near their wrap points so every scenario crosses them.
struct VP8Stream {
    var frames: Int
    var packetsPerFrame: Int
    var keyframeEvery = 1000
    var firstSequence: UInt16 = 65530
    var firstTimestamp: UInt32 = 0xffff_ff00

    func packet(frame: Int, part: Int) -> [UInt8] {
        let index = frame * packetsPerFrame + part
        var payload: [UInt8] = [part == 0 ? 0x10 : 0x00]
        if part == 0 {
            payload += frame % keyframeEvery == 0 ? vp8KeyframeHeader(width: 64, height: 48) : [0x01, 0x00, 0x00]
        }
        payload.append(UInt8(truncatingIfNeeded: frame))
        return RTPPacketFields(
            marker: part == packetsPerFrame - 1, sequenceNumber: firstSequence &+ UInt16(truncatingIfNeeded: index),
            timestamp: firstTimestamp &+ UInt32(frame * 3000), ssrc: 1, payload: payload
        ).serialize()
    }

    var packets: [[UInt8]] {
        (0..<frames).flatMap { f in (0..<packetsPerFrame).map { packet(frame: f, part: $0) } }
    }
}

struct AssemblyResult {
    var frames: [Int] = []  // frame numbers emitted (last payload byte)
    var intact: [Bool] = []
    var dropped = 0
    var keyframeRequests = 0
    var statistics = FrameAssemblerStatistics()
}

/// Pushes packets 10 ms apart, then finishes the stream.
func assemble(_ packets: [[UInt8]], codec: RTPCodec = .vp8, maxWait: Int64 = 500_000) throws -> AssemblyResult {
    var assembler = FrameAssembler(codec: codec, configuration: .init(capacity: 64, maxWaitMicros: maxWait))
    var result = AssemblyResult()
    func collect() {
        while let event = assembler.poll() {
            switch event {
            case let .frame(frame):
                result.frames.append(Int(frame.data.last!))
                result.intact.append(frame.referencesIntact)
            case .dropped: result.dropped += 1
            case .keyframeNeeded: result.keyframeRequests += 1
            }
        }
    }
    for (i, bytes) in packets.enumerated() {
        assembler.push(try RTPPacket(parsing: bytes), arrivalMicros: Int64(i) * 10_000)
        collect()
    }
    assembler.finish()
    collect()
    result.statistics = assembler.statistics
    return result
}

@Suite struct FrameAssemblerTests {
    static let stream = VP8Stream(frames: 6, packetsPerFrame: 3, keyframeEvery: 3)

    @Test func inOrderStreamGivesEveryFrame() throws {
        let r = try assemble(Self.stream.packets)
        #expect(r.frames == [0, 1, 2, 3, 4, 5])
        #expect(r.intact == Array(repeating: true, count: 6))
        #expect(r.dropped == 0)
        #expect(r.keyframeRequests == 1)  // the initial request, before the first keyframe
        #expect(r.statistics.keyframesEmitted == 2)
    }

    static let orderings: [(String, [Int])] = [
        ("reversed pairs", [1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14, 17, 16]),
        ("first packet late", [1, 2, 0] + Array(3..<18)),
        ("frame swapped with the next", [3, 4, 5, 0, 1, 2] + Array(6..<18)),
        ("last packet very late", Array(0..<8) + Array(9..<18) + [8]),
    ]

    @Test(arguments: orderings)
    func reorderingWithinWindowLosesNothing(name: String, order: [Int]) throws {
        let packets = Self.stream.packets
        let r = try assemble(order.map { packets[$0] })
        #expect(r.frames == [0, 1, 2, 3, 4, 5], "\(name)")
        #expect(r.statistics.lostPackets == 0)
        #expect(r.dropped == 0)
    }

    @Test func duplicatesAreCountedAndIgnored() throws {
        let packets = Self.stream.packets
        let r = try assemble(packets.flatMap { [$0, $0] })
        #expect(r.frames == [0, 1, 2, 3, 4, 5])
        #expect(r.statistics.duplicatePackets + r.statistics.latePackets == 18)
    }

    @Test func lostMiddlePacketDropsFrameAndBreaksReferenceUntilKeyframe() throws {
        var packets = Self.stream.packets
        packets.remove(at: 4)  // middle of frame 1
        let r = try assemble(packets)
        #expect(r.frames == [0, 2, 3, 4, 5])
        #expect(r.intact == [true, false, true, true, true])  // frame 3 is a keyframe
        #expect(r.dropped == 1)
        #expect(r.keyframeRequests == 2)
        #expect(r.statistics.lostPackets == 1)
    }

    @Test func lostFirstPacketIsAMissingStart() throws {
        var packets = Self.stream.packets
        packets.remove(at: 9)  // head of frame 3 (a keyframe)
        var assembler = FrameAssembler(codec: .vp8, configuration: .init(capacity: 64))
        var reasons: [DroppedFrame.Reason] = []
        for (i, p) in packets.enumerated() { assembler.push(try RTPPacket(parsing: p), arrivalMicros: Int64(i) * 10_000) }
        assembler.finish()
        while let e = assembler.poll() { if case let .dropped(d) = e { reasons.append(d.reason) } }
        #expect(reasons == [.missingStart])
        #expect(assembler.statistics.framesWithoutReference == 2)  // frames 4 and 5
    }

    @Test func lostWholeFrameBetweenFrames() throws {
        var packets = Self.stream.packets
        packets.removeSubrange(3..<6)  // all of frame 1
        let r = try assemble(packets)
        #expect(r.frames == [0, 2, 3, 4, 5])
        #expect(r.statistics.lostPackets == 3)
        #expect(r.intact == [true, false, true, true, true])
    }

    @Test func gapIsWaitedForBeforeGivingUp() throws {
        var assembler = FrameAssembler(codec: .vp8, configuration: .init(capacity: 64, maxWaitMicros: 100_000))
        let packets = Self.stream.packets
        for i in [0, 1, 2, 3, 5, 6, 7, 8] { assembler.push(try RTPPacket(parsing: packets[i]), arrivalMicros: 0) }
        var frames = 0
        while let e = assembler.poll() { if case .frame = e { frames += 1 } }
        #expect(frames == 0)  // the start is held for the wait window
        assembler.advance(to: 100_000)
        while let e = assembler.poll() { if case .frame = e { frames += 1 } }
        #expect(frames == 1)  // frame 1 waits for packet 4
        assembler.advance(to: 150_000)
        #expect(assembler.statistics.framesDropped == 0)
        assembler.push(try RTPPacket(parsing: packets[4]), arrivalMicros: 190_000)  // the retransmission
        while let e = assembler.poll() { if case .frame = e { frames += 1 } }
        #expect(frames == 3)
        #expect(assembler.statistics.lostPackets == 0)
    }

    @Test func paddingOnlyPacketsBetweenFramesAreSkipped() throws {
        var packets = Self.stream.packets
        let padding = RTPPacketFields(sequenceNumber: 0, payload: [], paddingLength: 255)
        // Renumber: insert a padding packet after frame 0 by shifting later sequence numbers.
        var shifted: [[UInt8]] = []
        for (i, bytes) in packets.enumerated() {
            var p = bytes
            let seq = (UInt16(p[2]) << 8 | UInt16(p[3])) &+ (i >= 3 ? 1 : 0)
            p[2] = UInt8(seq >> 8); p[3] = UInt8(seq & 0xff)
            shifted.append(p)
        }
        var pad = padding
        pad.sequenceNumber = 65530 &+ 3
        pad.timestamp = 0xffff_ff00
        shifted.insert(pad.serialize(), at: 3)
        packets = shifted
        let r = try assemble(packets)
        #expect(r.frames == [0, 1, 2, 3, 4, 5])
        #expect(r.statistics.paddingPackets == 1)
        #expect(r.statistics.lostPackets == 0)
    }

    @Test func malformedPacketDropsItsFrame() throws {
        var packets = Self.stream.packets
        packets[4] = RTPPacketFields(sequenceNumber: 65530 &+ 4, timestamp: 0xffff_ff00 &+ 3000, ssrc: 1, payload: [0x80]).serialize()
        let r = try assemble(packets)
        #expect(r.frames == [0, 2, 3, 4, 5])
        #expect(r.statistics.malformedPackets == 1)
    }

    @Test func audioPacketsAreFramesAndLossNeedsNoKeyframe() throws {
        let packets: [[UInt8]] = (0..<10).filter { $0 != 4 }.map { (i: Int) -> [UInt8] in
            let sequence = UInt16(truncatingIfNeeded: 65533 + i)
            let fields = RTPPacketFields(
                payloadType: 111, sequenceNumber: sequence, timestamp: UInt32(i * 960), payload: [0xfc, UInt8(i)])
            return fields.serialize()
        }
        let r = try assemble(packets, codec: .opus)
        #expect(r.frames == [0, 1, 2, 3, 5, 6, 7, 8, 9])
        #expect(r.keyframeRequests == 0)
        #expect(r.statistics.lostPackets == 1)
    }

    @Test func sequenceJumpStartsAfresh() throws {
        let a = VP8Stream(frames: 2, packetsPerFrame: 2, firstSequence: 100, firstTimestamp: 1000)
        var b = VP8Stream(frames: 2, packetsPerFrame: 2, firstSequence: 30000, firstTimestamp: 900_000)
        b.keyframeEvery = 1
        let r = try assemble(a.packets + b.packets)
        #expect(r.frames == [0, 1, 0, 1])
        #expect(r.statistics.sequenceJumps == 1)
    }

    @Test func deliversLongStreamAcrossWraps() throws {
        let stream = VP8Stream(frames: 30_000, packetsPerFrame: 3, keyframeEvery: 100)
        let r = try assemble(stream.packets)
        #expect(r.frames.count == 30_000)
        #expect(r.statistics.lostPackets == 0)
    }
}
