import Foundation
import RTP
import Testing
@testable import Dump

/// A small dump with every record type, and the offsets where records end.
func sampleDump() throws -> (bytes: [UInt8], recordEnds: [Int]) {
    var bytes = DumpEncoder.header(DumpHeader(anchorWallClockMicros: 1_700_000_000_000_000))
    var ends: [Int] = []
    let track = DumpTrack(id: 1, participantID: "alice", participantName: "Alice", kind: .video, codec: "VP8",
                          clockRate: 90000, payloadType: 96, retransmissionPayloadTypes: [97: 96], headerExtensions: [3: "urn:x"])
    try DumpEncoder.append(.session(DumpSession(id: "s1", room: "r", startedAtMicros: 1, source: "test")), time: 0, to: &bytes)
    ends.append(bytes.count)
    try DumpEncoder.append(.track(track), time: 5, to: &bytes)
    ends.append(bytes.count)
    for i in 0..<6 {
        let packet = RTPPacketFields(marker: true, sequenceNumber: UInt16(i), timestamp: UInt32(i * 3000), ssrc: 9,
                                     payload: [0x10, 0x01, UInt8(i)]).serialize()
        try DumpEncoder.append(.rtp(track: 1, bytes: packet[...]), time: Int64(i) * 33_000, to: &bytes)
        ends.append(bytes.count)
    }
    try DumpEncoder.append(.rtcp(track: 1, bytes: RTCPPacket.pictureLossIndication(.init(senderSSRC: 1, mediaSSRC: 9)).serialize()[...]),
                           time: 200_000, to: &bytes)
    ends.append(bytes.count)
    try DumpEncoder.append(.event(DumpEvent(kind: .trackEnded, participantID: "alice", trackID: 1)), time: 300_000, to: &bytes)
    ends.append(bytes.count)
    return (bytes, ends)
}

func parseAll(_ bytes: [UInt8]) throws -> (records: [TimedDumpRecord], skipped: [SkippedSpan]) {
    var parser = DumpParser()
    parser.append(bytes)
    parser.finish()
    var records: [TimedDumpRecord] = [], skipped: [SkippedSpan] = []
    while let item = try parser.next() {
        switch item {
        case let .record(r): records.append(r)
        case let .skipped(s): skipped.append(s)
        case .header: break
        }
    }
    return (records, skipped)
}

@Suite struct DumpFormatTests {
    @Test func roundTripsEveryRecordType() throws {
        let (bytes, ends) = try sampleDump()
        let (records, skipped) = try parseAll(bytes)
        #expect(records.count == ends.count)
        #expect(skipped.isEmpty)
        guard case let .track(track) = records[1].record else { Issue.record("no track"); return }
        #expect(track.participantName == "Alice")
        #expect(track.retransmissionPayloadTypes == [97: 96])
        #expect(track.headerExtensions == [3: "urn:x"])
        #expect(records[1].time == 5)
        guard case let .rtp(id, packetBytes) = records[4].record else { Issue.record("no rtp"); return }
        #expect(id == 1)
        #expect(try RTPPacket(parsing: packetBytes).sequenceNumber == 2)
        guard case let .event(event) = records.last!.record else { Issue.record("no event"); return }
        #expect(event.kind == .trackEnded)
    }

    @Test func truncatedAtAnyOffsetReadsUpToTheLastWholeRecord() throws {
        let (bytes, ends) = try sampleDump()
        for cut in DumpFormat.headerLength...bytes.count {
            let (records, skipped) = try parseAll(Array(bytes[..<cut]))
            let whole = ends.filter { $0 <= cut }.count
            #expect(records.count == whole, "cut at \(cut)")
            let tail = cut - (ends.last { $0 <= cut } ?? DumpFormat.headerLength)
            if tail > 0 {
                #expect(skipped == [SkippedSpan(offset: Int64(cut - tail), length: Int64(tail), atEnd: true)], "cut at \(cut)")
            } else {
                #expect(skipped.isEmpty, "cut at \(cut)")
            }
        }
    }

    @Test func truncatedHeaderIsAnError() throws {
        let (bytes, _) = try sampleDump()
        for cut in 0..<DumpFormat.headerLength {
            #expect(throws: DumpError.self) { try parseAll(Array(bytes[..<cut])) }
        }
    }

    @Test func damagedMiddleIsSkippedAndReported() throws {
        var (bytes, ends) = try sampleDump()
        // Scribble over the middle of the 4th and 5th packet records.
        let from = ends[3] + 3, to = ends[4] + 10
        for i in from..<to { bytes[i] = 0x5a }
        let (records, skipped) = try parseAll(bytes)
        #expect(records.count == ends.count - 2)
        #expect(skipped.count == 1)
        #expect(skipped[0].offset == Int64(ends[3]))
        #expect(skipped[0].length == Int64(ends[5] - ends[3]))
        #expect(!skipped[0].atEnd)
    }

    @Test func flippedBitFailsTheChecksum() throws {
        var (bytes, ends) = try sampleDump()
        bytes[ends[2] + 20] ^= 0x01  // inside a packet payload
        let (records, skipped) = try parseAll(bytes)
        #expect(records.count == ends.count - 1)
        #expect(skipped.map(\.length) == [Int64(ends[3] - ends[2])])
    }

    static let notDumps: [(String, [UInt8], DumpError)] = [
        ("pcap", [0xd4, 0xc3, 0xb2, 0xa1] + [UInt8](repeating: 0, count: 40), .notADump),
        ("text", Array("hello, this is not a dump at all, really".utf8), .notADump),
        ("future major version", DumpFormat.magic + [2, 0] + [UInt8](repeating: 0, count: 22), .unsupportedVersion(major: 2, minor: 0)),
        ("bad header CRC", DumpFormat.magic + [1, 0] + [UInt8](repeating: 0, count: 22), .corruptHeader),
    ]

    @Test(arguments: notDumps)
    func rejectsFilesThatAreNotDumps(name: String, bytes: [UInt8], expected: DumpError) {
        #expect(throws: expected, "\(name)") { try parseAll(bytes) }
    }

    @Test func crc32cKnownAnswer() {
        // RFC 3720 appendix B.4: 32 bytes of zeros → 0x8A9136AA; "123456789" → 0xE3069283.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }
}

@Suite struct DumpWriterTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dump-\(UUID().uuidString).rtpd").path
    }

    @Test func tailerSeesRecordsAsTheyAreFlushed() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let writer = try DumpWriter(path: path, header: DumpHeader(anchorWallClockMicros: 0), flushIntervalMicros: 1_000_000)
        let tailer = try DumpFileReader(path: path, follow: true)
        func drain() throws -> Int {
            var n = 0
            while let item = try tailer.next() { if case .record = item { n += 1 } }
            return n
        }
        #expect(try drain() == 0)
        let packet = RTPPacketFields(payload: [1, 2, 3]).serialize()
        try writer.write(.rtp(track: 1, bytes: packet[...]), time: 0)
        try writer.write(.rtp(track: 1, bytes: packet[...]), time: 500_000)
        #expect(try drain() == 0)  // still buffered: less than the flush interval has passed
        try writer.write(.rtp(track: 1, bytes: packet[...]), time: 1_000_000)
        #expect(try drain() == 3)  // the interval passed: flushed and fsynced
        try writer.write(.rtp(track: 1, bytes: packet[...]), time: 1_100_000)
        try writer.close()
        #expect(try drain() == 1)
        #expect(tailer.stopFollowing().isEmpty)
    }

    @Test func tailerWaitsForAHalfWrittenRecord() throws {
        let (bytes, ends) = try sampleDump()
        let path = temporaryPath()
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.write(Data(bytes[..<(ends[2] + 7)]))
        let tailer = try DumpFileReader(path: path, follow: true)
        var records = 0, skipped = 0
        func drain() throws {
            while let item = try tailer.next() {
                if case .record = item { records += 1 }
                if case .skipped = item { skipped += 1 }
            }
        }
        try drain()
        #expect(records == 3)
        handle.write(Data(bytes[(ends[2] + 7)...]))
        try handle.close()
        try drain()
        #expect(records == ends.count)
        #expect(skipped == 0)
    }
}

/// The live writer flushes on its own thread: records show up within the
/// flush interval without the caller ever writing, and close writes the rest.
@Suite struct LiveDumpWriterTests {
    @Test func flushesOnItsOwnAndClosesCleanly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).rtpd").path
        defer { unlink(path) }
        let writer = try LiveDumpWriter(path: path, header: DumpHeader(anchorWallClockMicros: 0), flushIntervalMicros: 50_000,
                                        synchronizes: false)
        let tailer = try DumpFileReader(path: path, follow: true)
        func drain() throws -> [Int64] {
            var times: [Int64] = []
            while let item = try tailer.next() { if case let .record(record) = item { times.append(record.time) } }
            return times
        }
        let packet = RTPPacketFields(payload: [1, 2, 3]).serialize()
        for time in [Int64(0), 10, 20] { try writer.append(.rtp(track: 1, bytes: packet[...]), time: time) }
        var seen: [Int64] = []
        let deadline = Date().addingTimeInterval(5)
        while seen.count < 3 && Date() < deadline {
            usleep(20_000)
            seen += try drain()
        }
        #expect(seen == [0, 10, 20], "the writer's thread flushed without being asked")
        try writer.append(.rtp(track: 1, bytes: packet[...]), time: 30)
        try writer.close()
        #expect(try drain() == [30])
        #expect(writer.statistics.recordsWritten == 4 && writer.statistics.recordsDropped == 0)
        #expect(throws: DumpError.self) { try writer.append(.rtp(track: 1, bytes: packet[...]), time: 40) }
    }
}
