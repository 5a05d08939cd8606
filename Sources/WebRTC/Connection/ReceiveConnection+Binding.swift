import RTP

/// Which track a packet from a new SSRC belongs to, and the track limit.
extension ReceiveConnection {
    /// Places a packet from an SSRC not seen before: by the SSRCs the offer
    /// declared, else by the mid header extension (RFC 8843 §15), else by a
    /// payload type only one section uses. Returns false (and counts) when
    /// the packet cannot be placed.
    func bind(_ packet: RTPPacket, into outputs: inout [Output]) -> Bool {
        var mid = configuration.declared.first { $0.value.ssrcs.contains(packet.ssrc) }?.key
        if mid == nil, !midExtensionIDs.isEmpty, packet.extensionProfile != nil {
            for element in packet.headerExtensions where midExtensionIDs.contains(element.id) {
                mid = String(decoding: element.data, as: UTF8.self)
            }
        }
        if mid == nil {
            let candidates = configuration.media.filter { media in
                media.codecs.contains { $0.payloadType == packet.payloadType || $0.retransmissionPayloadType == packet.payloadType }
            }
            if candidates.count == 1 { mid = candidates[0].mid }
        }
        guard let mid, let media = configuration.media.first(where: { $0.mid == mid }) else {
            noteUnbound(packet.ssrc)
            rejectInto("rtp from an unknown ssrc")
            return false
        }
        let declared = configuration.declared[mid] ?? DeclaredStreams()
        // An RTX stream: declared as the second SSRC of an FID group, or sent with an RTX payload type.
        let declaredMedia = declared.retransmission.first { $0.value == packet.ssrc }?.key
        let isRetransmission = declaredMedia != nil || media.codecs.contains { $0.retransmissionPayloadType == packet.payloadType }
        if isRetransmission {
            let mediaSSRC = declaredMedia ?? streams.values.first { $0.track.mid == mid && $0.track.retransmissionSSRC == nil }?.track.ssrc
            if let declaredMedia, streams[declaredMedia] == nil,
               let codec = media.codecs.first(where: { $0.retransmissionPayloadType == packet.payloadType }) {
                // RTX (a bandwidth probe, say) ahead of its stream's first packet: the
                // offer's FID group names the stream and the RTX payload type its codec.
                addTrack(mid: mid, media: media, codec: codec, ssrc: declaredMedia, declared: declared, into: &outputs)
            }
            guard let mediaSSRC, var stream = streams[mediaSSRC] else {
                rejectInto("rtx before its stream")
                return false
            }
            retransmissionStreams[packet.ssrc] = mediaSSRC
            if stream.track.retransmissionSSRC != packet.ssrc {
                stream.track.retransmissionSSRC = packet.ssrc
                streams[mediaSSRC] = stream
                tracks[stream.track.index] = stream.track
                outputs.append(.trackUpdated(stream.track))
            }
            return true
        }
        guard let codec = media.codecs.first(where: { $0.payloadType == packet.payloadType }) else {
            rejectInto("rtp with a payload type not negotiated")
            return false
        }
        addTrack(mid: mid, media: media, codec: codec, ssrc: packet.ssrc, declared: declared, into: &outputs)
        return streams[packet.ssrc] != nil
    }

    private func addTrack(mid: String, media: NegotiatedMedia, codec: NegotiatedMedia.Codec, ssrc: UInt32, declared: DeclaredStreams,
                          into outputs: inout [Output]) {
        guard tracks.count < configuration.maximumTracks else {
            if unbound[ssrc] == nil { outputs.append(.limitReached(.tracksPerConnection)) }  // once per SSRC, not per packet
            noteUnbound(ssrc)
            return rejectInto("a track past the limit of \(configuration.maximumTracks)")
        }
        let track = ConnectionTrack(
            index: tracks.count, mid: mid, kind: media.kind, codec: codec, ssrc: ssrc,
            retransmissionSSRC: declared.retransmission[ssrc], name: declared.trackName ?? mid,
            retransmissionPayloadTypes: Dictionary(media.codecs.compactMap { codec in
                codec.retransmissionPayloadType.map { ($0, codec.payloadType) }
            }, uniquingKeysWith: { first, _ in first }),
            headerExtensions: media.headerExtensions)
        if let rtx = track.retransmissionSSRC { retransmissionStreams[rtx] = ssrc }
        tracks.append(track)
        streams[ssrc] = InboundStream(track: track, acceptsNack: media.kind == "video")
        outputs.append(.trackAdded(track))
    }

    private func noteUnbound(_ ssrc: UInt32) {
        if unbound.count >= 1_024 { unbound.removeAll() }  // a peer spraying SSRCs must not grow this
        unbound[ssrc, default: 0] += 1
    }
}
