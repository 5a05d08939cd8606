import SDP

/// The SSRCs an offer announces for one media section (RFC 5576 `a=ssrc`,
/// `a=ssrc-group:FID` pairing a stream with its RTX stream, RFC 4588 §8.1)
/// and the section's `a=msid` (RFC 8830), so packets can be bound to their
/// section before any header extension says so.
public struct DeclaredStreams: Equatable, Sendable {
    /// Media SSRC → its RTX SSRC, if the offer pairs them.
    public var retransmission: [UInt32: UInt32] = [:]
    /// Every SSRC the section names, media and RTX.
    public var ssrcs: Set<UInt32> = []
    /// The sender's track id (second word of `msid`), if given.
    public var trackName: String?

    public init() {}

    public init(section: MediaDescription) {
        for line in section.attributes(named: "ssrc") {
            let words = line.split(separator: " ", maxSplits: 1)
            guard let ssrc = words.first.flatMap({ UInt32($0) }) else { continue }
            ssrcs.insert(ssrc)
            if trackName == nil, words.count == 2, words[1].hasPrefix("msid:") {
                let msid = words[1].dropFirst(5).split(separator: " ")
                if msid.count == 2 { trackName = String(msid[1]) }
            }
        }
        for line in section.attributes(named: "ssrc-group") {
            let words = line.split(separator: " ")
            guard words.count == 3, words[0] == "FID", let media = UInt32(words[1]), let rtx = UInt32(words[2]) else { continue }
            retransmission[media] = rtx
            ssrcs.formUnion([media, rtx])
        }
        if let msid = section.attribute("msid") {
            let words = msid.split(separator: " ")
            if words.count == 2 { trackName = String(words[1]) }
        }
    }
}
