import Dump
import Foundation
import Media
import Render
import RTP

/// libFuzzer entry: the render pipeline on a hostile dump (times that span
/// years, tracks with odd rates, RTP timestamps anywhere) with a hostile
/// range, and a track clock on raw hostile timestamps and arrivals. Output
/// frames are made (composited, not encoded), at most a few hundred per
/// input, so one input stays fast.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRender(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    func word(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(at + $1 < bytes.count ? bytes[at + $1] : 0) } }

    var clock = TrackClock(clockRate: [1, 8_000, 48_000, 90_000][Int(bytes.first ?? 0) % 4])
    var offset = 0
    while offset + 16 <= bytes.count && offset < 4_096 {
        let segment = clock.observe(timestamp: Int64(bitPattern: word(offset)), arrival: Int64(bitPattern: word(offset + 8)))
        _ = clock.arrivalTime(of: Int64(bitPattern: word(offset + 4)), segment: segment)
        if bytes[offset] & 7 == 0 {
            clock.observeSenderReport(ntpMicros: Int64(bitPattern: word(offset + 2)), rtpTimestamp: UInt32(truncatingIfNeeded: word(offset + 6)),
                                      arrival: Int64(bitPattern: word(offset + 10)))
        }
        _ = clock.senderTime(of: Int64(bitPattern: word(offset + 1)), segment: segment)
        offset += 16
    }

    guard let layout = try? Layout.decode(Data(#"{"name":"grid","regions":[{"x":0,"y":0,"width":1,"height":1}]}"#.utf8), source: "fuzz") else {
        fatalError("the fuzz layout does not load")
    }
    var settings = RenderSettings(layout: layout, container: .mp4, width: 64, height: 36, fps: 10)
    settings.latencyMicros = 100_000
    // A hostile range, as the command line could give it (the API refuses these first).
    settings.from = bytes.count > 1 && bytes[1] & 1 == 1 ? Double(bitPattern: word(2)) : nil
    settings.to = bytes.count > 1 && bytes[1] & 2 == 2 ? Double(bitPattern: word(10)) : nil
    guard let session = try? RenderSession(settings: settings) else { return 0 }
    var parser = DumpParser()
    parser.append(DumpEncoder.header(DumpHeader(anchorWallClockMicros: 0)) + bytes)
    parser.finish()
    var frames = 0
    do {
        while frames < 300, let item = try parser.next() {
            try session.consume(item)
            try session.forEachDueTick { _ in
                frames += 1
                if frames >= 300 { throw RenderError("enough frames for one input") }
            }
        }
        session.finish()
        try session.forEachDueTick { _ in
            frames += 1
            if frames >= 300 { throw RenderError("enough frames for one input") }
        }
    } catch {}
    return 0
}
