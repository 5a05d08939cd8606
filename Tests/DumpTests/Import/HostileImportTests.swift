import Foundation
import RTP
import Testing
@testable import Dump

/// Uploads are outside input: crafted times, resolutions and sizes are
/// refused or handled, never a trap.
@Suite struct HostileImportTests {
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8 & 0xff)] }
    static func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    static func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
        let padded = body + [UInt8](repeating: 0, count: (4 - body.count % 4) % 4)
        let total = UInt32(12 + padded.count)
        return le32(type) + le32(total) + padded + le32(total)
    }

    /// pcapng: a section, an interface with `if_tsresol` = `resolution`, one
    /// enhanced packet at 64-bit tick `ticks`.
    static func pcapng(resolution: UInt8, ticks: UInt64) -> [UInt8] {
        let section = block(0x0a0d_0d0a, le32(0x1a2b_3c4d) + le16(1) + le16(0) + [UInt8](repeating: 0xff, count: 8))
        let interface = block(1, le16(1) + le16(0) + le32(0) + le16(9) + le16(1) + [resolution, 0, 0, 0] + le16(0) + le16(0))
        let data = [UInt8](repeating: 0x45, count: 40)
        let packet = block(6, le32(0) + le32(UInt32(ticks >> 32)) + le32(UInt32(ticks & 0xffff_ffff)) + le32(40) + le32(40) + data)
        return section + interface + packet
    }

    @Test(arguments: [(UInt8(0), UInt64.max), (0, 1 << 62), (0x80, .max), (9, .max), (18, .max)])
    func pcapngTimesAtAnyResolutionDoNotTrap(resolution: UInt8, ticks: UInt64) throws {
        let frames = Array(try PcapReader(bytes: Self.pcapng(resolution: resolution, ticks: ticks)))
        #expect(frames.count == 1)
        #expect(frames.allSatisfy { abs($0.timestampMicros) <= Int64.saneMicrosLimit })
    }

    /// A Janus .mjr whose info gives a first-frame time near Int64.max.
    @Test(arguments: ["9223372036854775000", "-9223372036854775000", "1e300"])
    func mjrTimesNearTheLimitsDoNotTrap(time: String) throws {
        let info = #"{"t":"v","c":"vp8","s":\#(time),"u":\#(time)}"#
        var frames: [(UInt32, [UInt8])] = []
        for n in 0..<20 { frames.append((UInt32.max - UInt32(n), MJRFileTests.packet(UInt16(n), timestamp: UInt32(n) << 31))) }
        let version1 = MJRFileTests.version1(info, packets: (0..<20).map { MJRFileTests.packet(UInt16($0), timestamp: UInt32($0) << 31) })
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).rtpd").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        for bytes in [MJRFileTests.version2(info, frames: frames), version1] {
            // Refused or imported: either is fine, a trap is not.
            if let summary = try? MJRImporter().run(files: [.init(name: "alice-video.mjr", bytes: bytes)], outputPath: output, sessionID: "s") {
                #expect(summary.tracks <= 1)
            }
        }
    }

    @Test func aRecordOverTheDumpLimitIsAnErrorNotATrap() {
        var out: [UInt8] = []
        let payload = [UInt8](repeating: 1, count: DumpFormat.maximumPayloadLength + 1)
        #expect(throws: DumpError.self) {
            try DumpEncoder.append(type: .rtp, track: 1, time: 0, payload: payload[...], to: &out)
        }
        #expect(out.isEmpty)
    }

    @Test(arguments: [
        #"{"id":1,"participantID":"a","kind":"video","codec":"VP8","clockRate":9223372036854775807,"payloadType":96}"#,
        #"{"id":1,"participantID":"a","kind":"video","codec":"VP8","clockRate":48000,"payloadType":96}"#,
        #"{"id":1,"participantID":"a","kind":"audio","codec":"opus","clockRate":48000,"channels":100000,"payloadType":111}"#,
        #"{"id":1,"participantID":"a","kind":"audio","codec":"L16","clockRate":0,"payloadType":100}"#,
    ])
    func trackRecordsWithImpossibleRatesAreRefused(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DumpTrack.self, from: Data(json.utf8)) }
    }
}
