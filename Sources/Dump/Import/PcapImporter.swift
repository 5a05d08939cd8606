import Foundation
import RTP
import SDP

/// One participant of a capture: the SDP that describes what they sent
/// (as ffmpeg's `-sdp_file` writes it) and who they are.
public struct ImportParticipant: Sendable {
    public var id: String
    public var displayName: String?
    public var description: SessionDescription

    public init(id: String, displayName: String? = nil, description: SessionDescription) {
        self.id = id
        self.displayName = displayName
        self.description = description
    }
}

/// What an import did, for its summary line and for tests.
public struct PcapImportSummary: Codable, Equatable, Sendable {
    public var capturedFrames = 0
    public var udpDatagrams = 0
    public var rtpPackets = 0
    public var rtcpPackets = 0
    /// UDP datagrams to ports no SDP names.
    public var unmatchedDatagrams = 0
    /// Frames that held no usable UDP datagram, by reason.
    public var skippedFrames: [String: Int] = [:]
    /// Datagrams on a track's port that are neither valid RTP nor RTCP, by reason.
    public var malformedPackets: [String: Int] = [:]
    public var truncatedCaptureBytes = 0
    public var tracks = 0
    public var durationSeconds = 0.0

    public init() {}
}

public enum PcapImportError: Error, CustomStringConvertible {
    case conflictingPorts(port: Int, first: String, second: String)
    case noMedia(participant: String)
    case capture(PcapError)
    case noMatchingPackets

    public var description: String {
        switch self {
        case let .conflictingPorts(port, first, second):
            return "port \(port) is named by both \(first) and \(second): each participant needs its own ports"
        case let .noMedia(participant): return "the SDP of \(participant) has no RTP media section"
        case let .capture(error): return error.description
        case .noMatchingPackets: return "no packet in the capture goes to a port the SDPs name"
        }
    }
}

/// Turns a capture of plain RTP/RTCP over UDP into a dump: each SDP media
/// section is one track, matched by destination address and port (RTCP on
/// its own port, RFC 3605 `a=rtcp`, or muxed, RFC 5761). Arrival times are
/// the capture's timestamps. Events mark each participant's and track's
/// first and last packet, so a dump of a capture looks like a live one.
public struct PcapImporter {
    struct Route {
        var participant: Int
        var media: Int
        var isRTCPPort: Bool
        var address: String?
    }

    struct TrackPlan {
        var participant: Int
        var media: Int
        var firstFrame = Int.max
        var lastFrame = -1
        var trackID: UInt16 = 0
    }

    public let participants: [ImportParticipant]
    private var routes: [UInt16: [Route]] = [:]

    public init(participants: [ImportParticipant]) throws {
        self.participants = participants
        var owner: [UInt16: String] = [:]
        for (p, participant) in participants.enumerated() {
            var any = false
            for (m, media) in participant.description.media.enumerated() where media.proto.contains("RTP") && media.port > 0 {
                any = true
                let address = participant.description.connection(for: media)?.address
                let specific = address.flatMap { ["0.0.0.0", "::"].contains($0) ? nil : $0 }
                var ports = [(port: media.port, isRTCP: false)]
                if media.rtcpPort != media.port { ports.append((media.rtcpPort, true)) }
                for (port, isRTCP) in ports {
                    guard let key = UInt16(exactly: port) else { continue }
                    let name = "\(participant.id) m=\(media.media) \(port)"
                    if let first = owner[key], !first.hasPrefix(participant.id + " ") {
                        throw PcapImportError.conflictingPorts(port: port, first: first, second: name)
                    }
                    owner[key] = name
                    routes[key, default: []].append(Route(participant: p, media: m, isRTCPPort: isRTCP, address: specific))
                }
            }
            if !any { throw PcapImportError.noMedia(participant: participant.id) }
        }
    }

    private func route(for datagram: UDPDatagram) -> Route? {
        routes[datagram.destinationPort]?.first { $0.address == nil || $0.address == datagram.destination }
    }

    /// Reads the capture and writes the dump to `outputPath`, through a
    /// temporary file so that a failed import leaves nothing under that name.
    public func run(capture bytes: [UInt8], outputPath: String, sessionID: String, room: String? = nil) throws -> PcapImportSummary {
        let reader: PcapReader
        do { reader = try PcapReader(bytes: bytes) } catch { throw PcapImportError.capture(error) }

        // Pass 1: where each track's packets begin and end.
        var plans: [String: TrackPlan] = [:]
        var anchor: Int64?
        var lastTime: Int64 = 0
        var iterator = reader.makeIterator()
        var index = 0
        while let frame = iterator.next() {
            defer { index += 1 }
            guard case let .success(datagram) = LinkDecoder.udp(in: frame), let route = route(for: datagram) else { continue }
            let key = "\(route.participant)/\(route.media)"
            var plan = plans[key] ?? TrackPlan(participant: route.participant, media: route.media)
            plan.firstFrame = min(plan.firstFrame, index)
            plan.lastFrame = index
            plans[key] = plan
            if anchor == nil { anchor = frame.timestampMicros }
            lastTime = frame.timestampMicros
        }
        if let error = iterator.error { throw PcapImportError.capture(error) }
        guard let anchor else { throw PcapImportError.noMatchingPackets }

        // Track ids in order of first packet, as a live recording would assign them.
        let ordered = plans.values.sorted { $0.firstFrame < $1.firstFrame }
        for (i, plan) in ordered.enumerated() { plans["\(plan.participant)/\(plan.media)"]!.trackID = UInt16(i + 1) }
        var participantFirst: [Int: Int] = [:], participantLast: [Int: Int] = [:]
        for plan in plans.values {
            participantFirst[plan.participant] = min(participantFirst[plan.participant] ?? .max, plan.firstFrame)
            participantLast[plan.participant] = max(participantLast[plan.participant] ?? -1, plan.lastFrame)
        }

        // Pass 2: write.
        let temporaryPath = outputPath + ".partial"
        var summary = PcapImportSummary()
        do {
            let writer = try DumpWriter(
                path: temporaryPath, header: DumpHeader(anchorWallClockMicros: anchor), flushIntervalMicros: .max,
                bufferLimit: 4 << 20, synchronizes: false)
            try writer.write(.session(DumpSession(id: sessionID, room: room, startedAtMicros: anchor, source: "pcap-import")), time: 0)
            var written = Set<String>()
            iterator = reader.makeIterator()
            index = 0
            while let frame = iterator.next() {
                defer { index += 1 }
                summary.capturedFrames += 1
                let datagram: UDPDatagram
                switch LinkDecoder.udp(in: frame) {
                case let .success(d): datagram = d
                case let .failure(skip):
                    summary.skippedFrames[skip.rawValue, default: 0] += 1
                    continue
                }
                summary.udpDatagrams += 1
                guard let route = route(for: datagram) else {
                    summary.unmatchedDatagrams += 1
                    continue
                }
                let time = frame.timestampMicros - anchor
                let key = "\(route.participant)/\(route.media)"
                let plan = plans[key]!
                let participant = participants[route.participant]
                if !written.contains(key) {
                    written.insert(key)
                    if participantFirst[route.participant] == index {
                        try writer.write(.event(DumpEvent(kind: .participantJoined, participantID: participant.id,
                                                          detail: participant.displayName)), time: time)
                    }
                    let track = makeTrack(plan: plan, participant: participant, firstPayload: datagram.payload)
                    try writer.write(.track(track), time: time)
                    try writer.write(.event(DumpEvent(kind: .trackAdded, participantID: participant.id, trackID: track.id)), time: time)
                }
                let payload = datagram.payload
                if route.isRTCPPort || looksLikeRTCP(payload) {
                    do {
                        _ = try RTCPPacket.parseCompound(payload)
                        try writer.write(.rtcp(track: plan.trackID, bytes: payload), time: time)
                        summary.rtcpPackets += 1
                    } catch {
                        summary.malformedPackets["rtcp: \(Self.reasonKey(error))", default: 0] += 1
                    }
                } else {
                    do {
                        _ = try RTPPacket(parsing: payload)
                        try writer.write(.rtp(track: plan.trackID, bytes: payload), time: time)
                        summary.rtpPackets += 1
                    } catch {
                        summary.malformedPackets["rtp: \(Self.reasonKey(error))", default: 0] += 1
                    }
                }
                if plan.lastFrame == index {
                    try writer.write(.event(DumpEvent(kind: .trackEnded, participantID: participant.id, trackID: plan.trackID,
                                                      detail: "end of capture")), time: time)
                }
                if participantLast[route.participant] == index {
                    try writer.write(.event(DumpEvent(kind: .participantLeft, participantID: participant.id)), time: time)
                }
            }
            summary.truncatedCaptureBytes = iterator.truncatedTail
            summary.tracks = written.count
            summary.durationSeconds = Double(lastTime - anchor) / 1e6
            try writer.close()
            _ = fsyncPath(temporaryPath)
            guard rename(temporaryPath, outputPath) == 0 else {
                throw DumpError.io("cannot rename \(temporaryPath) to \(outputPath): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        return summary
    }

    private static func reasonKey(_ error: Error) -> String {
        guard let error = error as? RTPError else { return "\(error)" }
        switch error {
        case .truncated: return "truncated"
        case .badVersion: return "not version 2"
        case .badPadding: return "bad padding"
        case .badHeaderExtension: return "bad header extension"
        case .badRTCP: return "bad RTCP"
        case .badPayload, .unsupported: return "bad payload"
        }
    }

    private func makeTrack(plan: TrackPlan, participant: ImportParticipant, firstPayload: ArraySlice<UInt8>) -> DumpTrack {
        let media = participant.description.media[plan.media]
        let maps = media.rtpMaps
        let rtx = media.retransmissionPayloadTypes
        // The media payload type: the first one the m= line lists that is not RTX or FEC.
        let repairNames: Set<String> = ["rtx", "red", "ulpfec", "flexfec-03"]
        let pt = media.payloadTypes.first { maps[$0].map { !repairNames.contains($0.encodingName.lowercased()) } ?? false }
            ?? media.payloadTypes.first ?? 0
        let map = maps[pt]
        let codecName = map.map { RTPCodec(encodingName: $0.encodingName)?.rawValue ?? $0.encodingName } ?? "unknown"
        let kind: DumpTrack.Kind = media.media == "audio" ? .audio : .video
        var ssrc: UInt32?
        if firstPayload.count >= 12 {
            let b = firstPayload.startIndex
            ssrc = UInt32(firstPayload[b + 8]) << 24 | UInt32(firstPayload[b + 9]) << 16 | UInt32(firstPayload[b + 10]) << 8
                | UInt32(firstPayload[b + 11])
        }
        return DumpTrack(
            id: plan.trackID, participantID: participant.id, participantName: participant.displayName,
            trackName: media.attribute("mid") ?? "\(media.media)\(plan.media)", kind: kind, codec: codecName,
            clockRate: Self.clockRate(codec: codecName, kind: kind, offered: map?.clockRate), channels: map?.channels.flatMap { (1...8).contains($0) ? $0 : nil },
            formatParameters: media.formatParameters[pt], payloadType: pt, retransmissionPayloadTypes: rtx,
            headerExtensions: media.headerExtensions, ssrc: ssrc)
    }
}

extension PcapImporter {
    /// A known codec's one clock rate whatever the SDP says; for others the
    /// SDP's, within a plausible range (the SDP is an upload, outside input).
    static func clockRate(codec: String, kind: DumpTrack.Kind, offered: Int?) -> Int {
        if let known = RTPCodec(encodingName: codec) { return known.clockRate }
        if let offered, (1...1_000_000).contains(offered) { return offered }
        return kind == .audio ? 48_000 : 90_000
    }
}

/// fsyncs a file by path; false if it could not be opened.
func fsyncPath(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return fsync(fd) == 0
}
