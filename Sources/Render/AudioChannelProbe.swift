import Dump
import RTP

/// Whether a dump holds any stereo audio, so that a mix of mono voices is
/// encoded as mono (half the encoding work, no loss). Opus says it per
/// packet: the TOC byte's `s` bit (RFC 6716 §3.1); G.711 is always mono.
enum AudioChannelProbe {
    /// 2 if any Opus packet of the dump is stereo, else 1. Reads at most
    /// `packetsPerTrack` packets of each audio track.
    static func channels(inDump path: String, packetsPerTrack: Int = 50) throws -> Int {
        let reader = try DumpFileReader(path: path, chunkSize: 1 << 20)
        var opusTracks = Set<UInt16>()
        var seen: [UInt16: Int] = [:]
        while let item = try reader.next() {
            guard case let .record(timed) = item else { continue }
            switch timed.record {
            case let .track(track):
                if track.kind == .audio && RTPCodec(encodingName: track.codec) == .opus { opusTracks.insert(track.id) }
            case let .rtp(id, bytes):
                guard opusTracks.contains(id), seen[id, default: 0] < packetsPerTrack,
                      let packet = try? RTPPacket(parsing: bytes), let toc = packet.payload.first else { continue }
                seen[id, default: 0] += 1
                if toc & 0x04 != 0 { return 2 }
            default:
                continue
            }
        }
        return 1
    }
}
