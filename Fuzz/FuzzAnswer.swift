import RTP
import SDP
import WebRTC

/// libFuzzer entry: an offer from the network through the parser and the
/// answerer. Whatever is answered must itself parse (round trip), take each
/// codec only at its own clock rate, and the feedback state a stream gets
/// (reception statistics, NACKs) must take hostile numbers without a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let offer = try? SessionDescription.parse(String(decoding: bytes, as: UTF8.self)) {
        let parameters = AnswerParameters(ice: ICECredentials(ufrag: "abcd", password: "0123456789abcdef012345"),
                                          fingerprint: "sha-256 " + Array(repeating: "AB", count: 32).joined(separator: ":"),
                                          candidates: ["1 1 udp 2130706431 127.0.0.1 50000 typ host"])
        if let (answer, accepted) = try? RecvOnlyAnswer.make(for: offer, parameters) {
            guard let reparsed = try? SessionDescription.parse(answer.text) else { fatalError("an answer that does not parse") }
            if reparsed.media.count != answer.media.count { fatalError("an answer that changes when parsed again") }
            for codec in accepted.flatMap(\.codecs) where RTPCodec(encodingName: codec.name)?.clockRate != codec.clockRate {
                fatalError("\(codec.name) taken at \(codec.clockRate) Hz")
            }
        }
    }

    // Feedback state on hostile numbers: 16 bytes a packet (sequence, timestamp, arrival, clock rate pick).
    let rates = [1, 8_000, 48_000, 90_000, 1_000_000, Int(Int32.max)]
    var statistics = ReceptionStatistics(clockRate: rates[Int(bytes.first ?? 0) % rates.count])
    var nacks = NackGenerator()
    var offset = 1
    while offset + 14 <= bytes.count {
        func word(_ at: Int, _ count: Int) -> UInt64 { (0..<count).reduce(0) { $0 << 8 | UInt64(bytes[at + $1]) } }
        let sequence = UInt16(word(offset, 2)), timestamp = UInt32(word(offset + 2, 4))
        let arrival = Int64(bitPattern: word(offset + 6, 8))
        statistics.received(sequence: sequence, timestamp: timestamp, arrivalMicros: arrival)
        nacks.received(sequence, now: arrival)
        if nacks.pendingCount > NackGenerator.maximumMissing { fatalError("NACK bookkeeping past its cap") }
        _ = nacks.due(now: arrival)
        offset += 14
    }
    _ = statistics.reportBlock(ssrc: 1, nowMicros: Int64(bytes.count) << 40)
    return 0
}
