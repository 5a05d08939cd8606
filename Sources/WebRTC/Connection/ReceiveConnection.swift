import RTP

/// A receive-only WebRTC peer connection, sans-I/O: datagrams and the time
/// come in (`handle`, `advance`), datagrams to send, decrypted media and
/// events come out. It never touches a socket or a clock of its own, so
/// tests drive it deterministically.
///
/// ICE (`ICEAgent`) picks and guards the path; DTLS (`DTLSTransport`) is
/// accepted only from addresses that passed an authenticated check, SRTP only
/// from the selected pair (RFC 8445 §12); incoming datagrams are told apart
/// by their first byte (RFC 7983). Every decrypted RTP and RTCP packet comes
/// out with the track it belongs to; the connection itself sends receiver
/// reports, generic NACKs (RFC 4585 §6.2.1), PLIs while a video track waits
/// for a keyframe (§6.3.1), and REMB so senders ramp up to the recording
/// bitrate.
///
/// Not `Sendable`: one driver (one event loop) owns it.
public final class ReceiveConnection {
    public struct Configuration: Sendable {
        public var localICE: ICECredentials
        public var remoteICE: ICECredentials
        public var iceRole: ICEAgent.Role
        public var dtlsRole: DTLSTransport.Role
        public var remoteFingerprint: String
        public var media: [NegotiatedMedia]
        /// Per mid: the SSRCs the offer announced.
        public var declared: [String: DeclaredStreams]
        /// Bits per second announced in REMB for all of a peer's streams.
        public var recordingBitrate: UInt64
        /// The SSRC our RTCP feedback is sent from.
        public var feedbackSSRC: UInt32
        /// The peer's candidates from its SDP; more may be trickled later.
        public var remoteCandidates: [ICECandidate] = []
        /// A peer silent this long (no checks, no answers) is gone (RFC 7675: 30 s).
        public var consentTimeoutMicros: Int64 = ICEAgent.defaultConsentTimeoutMicros
        /// A peer that has not completed ICE and DTLS this long after the
        /// connection began is given up: an offer alone must not hold a
        /// publisher slot for good.
        public var connectTimeoutMicros: Int64 = 30_000_000
        /// The most tracks (SSRCs) one peer may open: each costs state, a dump
        /// track and a decoder. Packets of further SSRCs are dropped and counted.
        public var maximumTracks = Self.defaultMaximumTracks
        public static let defaultMaximumTracks = 16

        public init(localICE: ICECredentials, remoteICE: ICECredentials, iceRole: ICEAgent.Role = .controlled,
                    dtlsRole: DTLSTransport.Role, remoteFingerprint: String, media: [NegotiatedMedia],
                    declared: [String: DeclaredStreams] = [:], recordingBitrate: UInt64 = 4_000_000,
                    feedbackSSRC: UInt32 = .random(in: 1...UInt32.max)) {
            self.localICE = localICE
            self.remoteICE = remoteICE
            self.iceRole = iceRole
            self.dtlsRole = dtlsRole
            self.remoteFingerprint = remoteFingerprint
            self.media = media
            self.declared = declared
            self.recordingBitrate = recordingBitrate
            self.feedbackSSRC = feedbackSSRC
        }
    }

    public enum Output {
        case send([UInt8], to: STUNAddress)
        /// A decrypted RTP packet of track `index` (RTX retransmissions included, as received).
        case rtp(track: Int, packet: [UInt8])
        /// A decrypted RTCP compound packet; `track` is the sender's track when known.
        case rtcp(track: Int?, packet: [UInt8])
        case trackAdded(ConnectionTrack)
        /// A track learned its RTX SSRC after it was added.
        case trackUpdated(ConnectionTrack)
        /// The sender said goodbye (RTCP BYE) for this track.
        case trackEnded(Int)
        /// ICE and DTLS are up: media can flow.
        case connected(STUNAddress)
        /// The connection is over (DTLS failed, consent lost, peer closed),
        /// with its final counters.
        case closed(reason: String, summary: ConnectionSummary)
        /// One of the connection's limits refused something (for the metrics).
        case limitReached(ConnectionLimit)
    }

    public private(set) var configuration: Configuration
    public internal(set) var statistics = ConnectionStatistics()
    public private(set) var ice: ICEAgent
    public private(set) var isConnected = false
    public private(set) var isClosed = false
    /// When time was first given (`advance`): the connect deadline counts from here.
    private var beganAt: Int64?
    public internal(set) var tracks: [ConnectionTrack] = []

    public var summary: ConnectionSummary {
        ConnectionSummary(statistics: statistics, nack: nackStatistics, keyframes: keyframesReceived, tracks: tracks.count)
    }

    /// Keyframes assembled on all video tracks.
    public var keyframesReceived: Int { streams.values.reduce(0) { $0 + $1.keyframes } }
    /// NACK bookkeeping summed over the video tracks.
    public var nackStatistics: NackGenerator.Statistics {
        streams.values.compactMap(\.nack?.statistics).reduce(into: NackGenerator.Statistics()) { total, one in
            total.missing += one.missing
            total.requested += one.requested
            total.recovered += one.recovered
            total.givenUp += one.givenUp
            total.reordered += one.reordered
        }
    }

    /// How often receiver reports and REMB go out (RFC 3550 §6.2 leaves it to
    /// the bandwidth; WebRTC stacks send about one a second).
    public static let reportIntervalMicros: Int64 = 1_000_000
    /// A PLI is not repeated sooner than this while a keyframe is awaited.
    public static let keyframeRequestIntervalMicros: Int64 = 1_500_000

    private let dtls: DTLSTransport
    private var dtlsStarted = false
    private var dtlsDeadline: Int64?
    private var inbound: SRTPSession?
    private var outbound: SRTPSession?
    var streams: [UInt32: InboundStream] = [:]
    var retransmissionStreams: [UInt32: UInt32] = [:]  // RTX SSRC → media SSRC
    var unbound: [UInt32: Int] = [:]  // SSRCs that could not be placed, and how often
    private var nextReport: Int64?
    var midExtensionIDs: Set<UInt8>

    public init(configuration: Configuration, certificate: DTLSCertificate) throws(DTLSError) {
        self.configuration = configuration
        ice = ICEAgent(local: configuration.localICE, remote: configuration.remoteICE, role: configuration.iceRole,
                       tieBreaker: .random(in: 0...UInt64.max))
        for candidate in configuration.remoteCandidates { ice.addRemoteCandidate(candidate) }
        ice.consentTimeoutMicros = configuration.consentTimeoutMicros
        dtls = try DTLSTransport(role: configuration.dtlsRole, certificate: certificate, remoteFingerprint: configuration.remoteFingerprint)
        midExtensionIDs = Set(configuration.media.flatMap { media in
            media.headerExtensions.filter { $0.value == "urn:ietf:params:rtp-hdrext:sdes:mid" }.map(\.key)
        })
    }

    /// A candidate the peer trickled (RFC 8838): ICE checks it.
    public func addRemoteCandidate(_ candidate: ICECandidate) {
        ice.addRemoteCandidate(candidate)
    }

    /// Sends a PLI (RFC 4585 §6.3.1) on every video track at the next
    /// `advance`: a recording that starts now gets a picture to start from.
    public func requestKeyframes() {
        for ssrc in streams.keys { streams[ssrc]!.requestKeyframe() }
    }

    /// Takes one datagram that arrived from `address` at `now` (microseconds).
    public func handle(_ datagram: [UInt8], from address: STUNAddress, now: Int64) -> [Output] {
        guard !isClosed else { return [] }
        statistics.datagramsReceived += 1
        statistics.bytesReceived += datagram.count
        var outputs: [Output] = []
        switch PacketKind(classifying: datagram[...]) {
        case .stun:
            for event in ice.handle(datagram[...], from: address, now: now) { apply(event, into: &outputs, now: now) }
        case .dtls:
            guard ice.isValidated(address) else { return reject("dtls from an unchecked address") }
            for output in dtls.handle(datagram) { apply(output, into: &outputs, now: now) }
        case .rtcp:
            guard ice.accepts(from: address) else { return reject("media from an unselected address") }
            guard let inbound else { return reject("media before DTLS") }
            guard let plain = try? inbound.unprotectRTCP(datagram) else { return reject("srtcp authentication") }
            receivedRTCP(plain, now: now, into: &outputs)
        case .rtp:
            guard ice.accepts(from: address) else { return reject("media from an unselected address") }
            guard let inbound else { return reject("media before DTLS") }
            guard let plain = try? inbound.unprotectRTP(datagram) else { return reject("srtp authentication") }
            receivedRTP(plain, now: now, into: &outputs)
        case .unknown:
            return reject("unknown first byte")
        }
        return outputs
    }

    /// Lets time pass: timers for DTLS retransmission, consent, reports,
    /// NACKs and PLIs. Call it every 10–20 ms.
    public func advance(to now: Int64) -> [Output] {
        guard !isClosed else { return [] }
        var outputs: [Output] = []
        let began = beganAt ?? now
        beganAt = began
        if !isConnected && now.saturatingSubtract(began) >= configuration.connectTimeoutMicros {
            isClosed = true
            return [.limitReached(.connectDeadline), .closed(reason: "no connection within \(configuration.connectTimeoutMicros / 1_000_000) s: ICE and DTLS did not complete",
                            summary: summary)]
        }
        for event in ice.advance(to: now) { apply(event, into: &outputs, now: now) }
        if let deadline = dtlsDeadline, now >= deadline, !dtls.isConnected {
            for output in dtls.handleTimeout() { apply(output, into: &outputs, now: now) }
            scheduleDTLSTimer(now: now)
        }
        guard isConnected, !isClosed else { return outputs }
        var feedback: [RTCPPacket] = []
        for ssrc in streams.keys.sorted() {
            streams[ssrc]!.advance(to: now)
            feedback += feedbackFor(ssrc, now: now)
        }
        if now >= nextReport ?? now {
            nextReport = now + Self.reportIntervalMicros
            feedback.insert(contentsOf: reports(now: now), at: 0)
        } else if !feedback.isEmpty {
            // RFC 4585 §3.1: feedback may go without a report (reduced size, RFC 5506),
            // but a compound that starts with an RR is safe with every peer.
            feedback.insert(.receiverReport(RTCPReceiverReport(ssrc: configuration.feedbackSSRC)), at: 0)
        }
        if !feedback.isEmpty { sendRTCP(feedback, into: &outputs) }
        return outputs
    }

    /// A new offer on the live connection (RFC 8829 §5.2.2 subsequent
    /// offers): same ICE and DTLS, sections added or removed. New sections'
    /// streams bind on their first packet like the first ones; tracks of
    /// sections that are gone end (`trackEnded`), the rest go on untouched.
    public func renegotiate(media: [NegotiatedMedia], declared: [String: DeclaredStreams]) -> [Output] {
        let kept = Set(media.map(\.mid))
        configuration.media = media
        configuration.declared = declared
        midExtensionIDs = Set(media.flatMap { $0.headerExtensions.filter { $0.value == "urn:ietf:params:rtp-hdrext:sdes:mid" }.map(\.key) })
        var outputs: [Output] = []
        for (ssrc, stream) in streams where !kept.contains(stream.track.mid) {
            streams[ssrc] = nil
            if let rtx = stream.track.retransmissionSSRC { retransmissionStreams[rtx] = nil }
            outputs.append(.trackEnded(stream.track.index))
        }
        unbound.removeAll()
        return outputs
    }

    /// Ends the connection from our side (WHIP DELETE, shutdown).
    public func close(reason: String) -> [Output] {
        guard !isClosed else { return [] }
        isClosed = true
        return [.closed(reason: reason, summary: summary)]
    }

    // MARK: - ICE and DTLS

    private func apply(_ event: ICEAgent.Event, into outputs: inout [Output], now: Int64) {
        switch event {
        case let .send(bytes, to):
            outputs.append(.send(bytes, to: to))
        case let .selected(address):
            if configuration.dtlsRole == .client && !dtlsStarted {
                dtlsStarted = true
                for output in dtls.start() { apply(output, into: &outputs, now: now) }
                scheduleDTLSTimer(now: now)
            } else if isConnected {
                outputs.append(.connected(address))
            }
        case .consentLost:
            isClosed = true
            outputs.append(.closed(reason: "ICE consent lost: the peer stopped answering for \(configuration.consentTimeoutMicros / 1_000_000) s",
                                   summary: summary))
        }
    }

    private func apply(_ output: DTLSTransport.Output, into outputs: inout [Output], now: Int64) {
        switch output {
        case let .send(bytes):
            // Flights go where the peer's checks came from; once a pair is chosen, there.
            guard let destination = ice.selected ?? ice.lastValidated else { return }
            outputs.append(.send(bytes, to: destination))
            scheduleDTLSTimer(now: now)
        case let .connected(keys):
            do {
                inbound = try SRTPSession(profile: keys.profile, key: keys.remoteKey, salt: keys.remoteSalt, direction: .inbound)
                outbound = try SRTPSession(profile: keys.profile, key: keys.localKey, salt: keys.localSalt, direction: .outbound)
            } catch {
                isClosed = true
                outputs.append(.closed(reason: error.description, summary: summary))
                return
            }
            isConnected = true
            dtlsDeadline = nil
            if let selected = ice.selected ?? ice.lastValidated { outputs.append(.connected(selected)) }
        case let .failed(error):
            isClosed = true
            outputs.append(.closed(reason: error.description, summary: summary))
        }
    }

    private func scheduleDTLSTimer(now: Int64) {
        dtlsDeadline = dtls.retransmitDelayMicros.map { now + $0 }
    }

    // MARK: - Media

    private func receivedRTP(_ bytes: [UInt8], now: Int64, into outputs: inout [Output]) {
        guard let packet = try? RTPPacket(parsing: bytes) else { return rejectInto("malformed rtp") }
        statistics.rtpPackets += 1
        if let mediaSSRC = retransmissionStreams[packet.ssrc], var stream = streams[mediaSSRC] {
            streams[mediaSSRC] = nil  // keep the stream's buffers uniquely referenced while it changes
            statistics.retransmissionsReceived += 1
            stream.receivedRetransmission(packet, now: now)
            streams[mediaSSRC] = stream
            outputs.append(.rtp(track: stream.track.index, packet: bytes))
            return
        }
        if streams[packet.ssrc] == nil {
            guard bind(packet, into: &outputs) else { return }
            if retransmissionStreams[packet.ssrc] != nil {
                // Bound just now as an RTX stream.
                return receivedRTP(bytes, now: now, into: &outputs)
            }
        }
        guard var stream = streams.removeValue(forKey: packet.ssrc) else { return }
        let capped = stream.nack?.statistics.capped
        stream.received(packet, now: now)
        if stream.nack?.statistics.capped != capped { outputs.append(.limitReached(.nackGaps)) }
        streams[packet.ssrc] = stream
        outputs.append(.rtp(track: stream.track.index, packet: bytes))
    }

    private func receivedRTCP(_ bytes: [UInt8], now: Int64, into outputs: inout [Output]) {
        guard let packets = try? RTCPPacket.parseCompound(bytes) else { return rejectInto("malformed rtcp") }
        statistics.rtcpPackets += 1
        var track: Int?
        for packet in packets {
            switch packet {
            case let .senderReport(report):
                if streams[report.ssrc] != nil {
                    streams[report.ssrc]!.statistics.senderReport(report.ntpTime, arrivalMicros: now)
                    track = track ?? streams[report.ssrc]!.track.index
                }
            case let .goodbye(goodbye):
                for ssrc in goodbye.ssrcs {
                    if let stream = streams[ssrc] { outputs.append(.trackEnded(stream.track.index)) }
                }
            default:
                continue
            }
        }
        outputs.append(.rtcp(track: track, packet: bytes))
    }

    // MARK: - Feedback

    private func feedbackFor(_ ssrc: UInt32, now: Int64) -> [RTCPPacket] {
        var feedback: [RTCPPacket] = []
        let sender = configuration.feedbackSSRC
        let lost = streams[ssrc]!.nack?.due(now: now) ?? []
        if !lost.isEmpty {
            statistics.nacksSent += 1
            statistics.nackedPackets += lost.count
            feedback.append(.nack(RTCPNack(senderSSRC: sender, mediaSSRC: ssrc, items: NackGenerator.items(for: lost))))
        }
        if streams[ssrc]!.keyframeRequestDue(now: now) {
            statistics.pictureLossIndicationsSent += 1
            feedback.append(.pictureLossIndication(RTCPPictureLossIndication(senderSSRC: sender, mediaSSRC: ssrc)))
        }
        return feedback
    }

    private func reports(now: Int64) -> [RTCPPacket] {
        var blocks: [RTCPReportBlock] = []
        for ssrc in streams.keys.sorted() { blocks.append(streams[ssrc]!.statistics.reportBlock(ssrc: ssrc, nowMicros: now)) }
        var packets: [RTCPPacket] = []
        // At most 31 blocks per report (RFC 3550 §6.4.2: a 5-bit count).
        var start = 0
        repeat {
            let chunk = Array(blocks[start..<Swift.min(blocks.count, start + 31)])
            packets.append(.receiverReport(RTCPReceiverReport(ssrc: configuration.feedbackSSRC, reports: chunk)))
            start += 31
        } while start < blocks.count
        statistics.receiverReportsSent += 1
        if !streams.isEmpty {
            packets.append(.receiverEstimatedBitrate(RTCPReceiverEstimatedBitrate(
                senderSSRC: configuration.feedbackSSRC, bitrate: configuration.recordingBitrate, ssrcs: streams.keys.sorted())))
        }
        return packets
    }

    private func sendRTCP(_ packets: [RTCPPacket], into outputs: inout [Output]) {
        guard let outbound, let destination = ice.selected,
              let protected = try? outbound.protectRTCP(RTCPPacket.serializeCompound(packets)) else { return }
        outputs.append(.send(protected, to: destination))
    }

    // MARK: - Counting

    private func reject(_ reason: String) -> [Output] {
        statistics.reject(reason)
        return []
    }

    func rejectInto(_ reason: String) {
        statistics.reject(reason)
    }
}
