import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RTP
import SDP
import WebRTC

/// `tessera benchmark whip URL`: a cheap WHIP load generator made of the
/// stack's own parts (controlling ICE agent, DTLS client, SRTP), so that
/// 50 publishers at full rate fit on one machine next to the server.
/// Payloads are synthetic (VP8 descriptors in front of filler, Opus-sized
/// audio): the server never decodes, it records. Interop with real peers is
/// what the aiortc and Chromium tests are for.
struct BenchmarkPublishers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whip", abstract: "Publishes synthetic media from many WHIP publishers at once (a load generator).")

    @Argument(help: "The WHIP endpoint, e.g. http://127.0.0.1:8080/whip/bench") var url: String
    @Option(help: "Publishers.") var publishers = 50
    @Option(help: "Seconds each publisher sends.") var seconds = 15.0
    @Option(help: "Video bits per second per publisher.") var bitrate = 1_500_000
    @Flag(help: "Print one JSON line.") var json = false

    func run() async throws {
        var peers: [SyntheticPublisher] = []
        for index in 0..<publishers {
            let peer = try SyntheticPublisher(index: index, videoBitrate: bitrate)
            let (answer, location) = try await Self.post(url, offer: peer.offer())
            try peer.accept(answer: answer)
            peer.location = location
            peers.append(peer)
        }
        let clock = ContinuousClock()
        let started = clock.now
        func micros() -> Int64 {
            let elapsed = clock.now - started
            return elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        }
        let end = Int64(seconds * 1_000_000) + 10_000_000  // connecting may take a while with 50 peers
        while micros() < end && peers.contains(where: { !$0.finished(sendingMicros: Int64(seconds * 1_000_000)) }) {
            let now = micros()
            for peer in peers { try peer.step(now: now, sendingMicros: Int64(seconds * 1_000_000)) }
            usleep(1000)
        }
        let base = url.components(separatedBy: "/whip/")[0]
        for peer in peers {
            if let location = peer.location { try? await Self.delete(base + location) }
        }
        let connected = peers.filter { $0.connectedAt != nil }.count
        let packets = peers.reduce(0) { $0 + $1.packetsSent }, bytes = peers.reduce(0) { $0 + $1.bytesSent }
        if json {
            print(#"{"publishers":\#(publishers),"connected":\#(connected),"packetsSent":\#(packets),"bytesSent":\#(bytes),"nacksReceived":\#(peers.reduce(0) { $0 + $1.feedbackReceived })}"#)
        } else {
            print("publishers \(publishers), connected \(connected), sent \(packets) packets, \(bytes / 1_000_000) MB "
                  + "(\(String(format: "%.2f", Double(bytes) * 8 / 1e6 / Double(max(publishers, 1)) / seconds)) Mbit/s each), "
                  + "\(peers.reduce(0) { $0 + $1.feedbackReceived }) RTCP feedback packets received")
        }
    }

    static func post(_ url: String, offer: String) async throws -> (String, String?) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.setValue("application/sdp", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(offer.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        guard http?.statusCode == 201 else {
            throw ValidationError("POST \(url): \(http?.statusCode ?? 0) \(String(decoding: data, as: UTF8.self))")
        }
        return (String(decoding: data, as: UTF8.self), http?.value(forHTTPHeaderField: "Location"))
    }

    static func delete(_ url: String) async throws {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "DELETE"
        _ = try await URLSession.shared.data(for: request)
    }
}

/// One publisher: a UDP socket, ICE (controlling), DTLS client, SRTP, and a
/// schedule of 30 fps video and 50 pps audio.
final class SyntheticPublisher {
    let index: Int
    let socket: Int32
    let port: UInt16
    let certificate: DTLSCertificate
    let ice: ICECredentials
    var agent: ICEAgent
    var dtls: DTLSTransport?
    var dtlsStarted = false
    var srtp: SRTPSession?
    var location: String?
    var connectedAt: Int64?
    var packetsSent = 0, bytesSent = 0, feedbackReceived = 0
    private let videoSSRC: UInt32, audioSSRC: UInt32
    private var videoSequence: UInt16 = 1, audioSequence: UInt16 = 1
    private var frames = 0, audioFrames = 0
    private let bytesPerFrame: Int

    init(index: Int, videoBitrate: Int) throws {
        self.index = index
        let socket = Foundation.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
        var buffer: Int32 = 1 << 20
        setsockopt(socket, SOL_SOCKET, SO_SNDBUF, &buffer, socklen_t(MemoryLayout<Int32>.size))
        self.socket = socket
        port = UInt16(bigEndian: address.sin_port)
        certificate = try DTLSCertificate()
        ice = ICECredentials(ufrag: "pub\(index)x", password: "publisher-password-\(index)-0123456789")
        agent = ICEAgent(local: ice, role: .controlling, tieBreaker: .random(in: 0...UInt64.max))
        videoSSRC = 0x1000_0000 + UInt32(index) * 2
        audioSSRC = videoSSRC + 1
        bytesPerFrame = videoBitrate / 8 / 30
    }

    deinit { close(socket) }

    func offer() -> String {
        func section(_ kind: String, mid: String, _ lines: [String]) -> String {
            let formats = kind == "audio" ? "111" : "96"
            return (["m=\(kind) 9 UDP/TLS/RTP/SAVPF \(formats)", "c=IN IP4 0.0.0.0", "a=mid:\(mid)", "a=sendonly",
                     "a=ice-ufrag:\(ice.ufrag)", "a=ice-pwd:\(ice.password)", "a=fingerprint:\(certificate.fingerprint)",
                     "a=setup:actpass", "a=rtcp-mux"] + lines
                    + ["a=candidate:1 1 udp 2130706431 127.0.0.1 \(port) typ host"]).joined(separator: "\r\n") + "\r\n"
        }
        return "v=0\r\no=- \(index + 1) 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
            + section("audio", mid: "0", ["a=rtpmap:111 opus/48000/2", "a=ssrc:\(audioSSRC) cname:bench"])
            + section("video", mid: "1", ["a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli",
                                          "a=ssrc:\(videoSSRC) cname:bench"])
    }

    func accept(answer text: String) throws {
        let answer = try SessionDescription.parse(text)
        guard let first = answer.media.first, let ufrag = first.attribute("ice-ufrag"), let password = first.attribute("ice-pwd"),
              let fingerprint = first.attribute("fingerprint") else { throw ValidationError("the answer lacks ICE or DTLS parameters") }
        agent.remote = ICECredentials(ufrag: ufrag, password: password)
        for line in first.attributes(named: "candidate") {
            if let candidate = try? ICECandidate(parsing: line) { agent.addRemoteCandidate(candidate) }
        }
        let role: DTLSTransport.Role = first.attribute("setup") == "passive" ? .client : .server
        dtls = try DTLSTransport(role: role, certificate: certificate, remoteFingerprint: fingerprint)
    }

    func finished(sendingMicros: Int64) -> Bool {
        guard connectedAt != nil else { return false }
        return frames >= Int(sendingMicros / 33_333) && audioFrames >= Int(sendingMicros / 20_000)
    }

    func step(now: Int64, sendingMicros: Int64) throws {
        currentNow = now
        var buffer = [UInt8](repeating: 0, count: 2048)
        var from = sockaddr_in()
        while true {
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = withUnsafeMutablePointer(to: &from) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(socket, &buffer, buffer.count, 0, $0, &length) }
            }
            guard count > 0 else { break }
            let raw = UInt32(bigEndian: from.sin_addr.s_addr)
            let address = STUNAddress(ip: [UInt8(raw >> 24), UInt8((raw >> 16) & 0xff), UInt8((raw >> 8) & 0xff), UInt8(raw & 0xff)],
                                      port: UInt16(bigEndian: from.sin_port))
            let datagram = Array(buffer[0..<count])
            switch PacketKind(classifying: datagram[...]) {
            case .stun: handle(agent.handle(datagram[...], from: address, now: now))
            case .dtls: handle(dtls?.handle(datagram) ?? [])
            case .rtcp: feedbackReceived += 1
            default: break
            }
        }
        handle(agent.advance(to: now))
        if let dtls, dtlsStarted, !dtls.isConnected, let delay = dtls.retransmitDelayMicros, delay <= 0 { handle(dtls.handleTimeout()) }
        guard let srtp, let connectedAt else { return }
        let elapsed = now - connectedAt
        guard elapsed < sendingMicros else { return }
        while Int64(frames) * 33_333 <= elapsed {
            let key = frames % 60 == 0
            var remaining = bytesPerFrame
            var first = true
            while remaining > 0 {
                let size = Swift.min(1100, remaining)
                remaining -= size
                let descriptor: [UInt8] = first ? (key ? [0x10, 0x9c, 0x01, 0x2a, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00] : [0x10, 0x01, 0x00, 0x00]) : [0x00]
                let packet = RTPPacketFields(marker: remaining == 0, payloadType: 96, sequenceNumber: videoSequence,
                                             timestamp: UInt32(truncatingIfNeeded: frames * 3000), ssrc: videoSSRC,
                                             payload: descriptor + [UInt8](repeating: UInt8(truncatingIfNeeded: frames), count: size)).serialize()
                send(try srtp.protectRTP(packet))
                videoSequence &+= 1
                first = false
            }
            frames += 1
        }
        while Int64(audioFrames) * 20_000 <= elapsed {
            let packet = RTPPacketFields(payloadType: 111, sequenceNumber: audioSequence, timestamp: UInt32(truncatingIfNeeded: audioFrames * 960),
                                         ssrc: audioSSRC, payload: [UInt8](repeating: 0x55, count: 120)).serialize()
            send(try srtp.protectRTP(packet))
            audioSequence &+= 1
            audioFrames += 1
        }
    }

    private var destination: STUNAddress?

    private func handle(_ events: [ICEAgent.Event]) {
        for event in events {
            switch event {
            case let .send(bytes, to): send(bytes, to: to)
            case let .selected(address):
                destination = address
                if let dtls, dtls.role == .client, !dtlsStarted {
                    dtlsStarted = true
                    handle(dtls.start())
                }
            case .consentLost: destination = nil
            }
        }
    }

    private func handle(_ outputs: [DTLSTransport.Output]) {
        for output in outputs {
            switch output {
            case let .send(bytes): if let destination { send(bytes, to: destination) }
            case let .connected(keys):
                srtp = try? SRTPSession(profile: keys.profile, key: keys.localKey, salt: keys.localSalt, direction: .outbound)
                connectedAt = currentNow
            case .failed: break
            }
        }
    }

    private var currentNow: Int64 = 0

    private func send(_ bytes: [UInt8], to: STUNAddress? = nil) {
        guard let target = to ?? destination, target.ip.count == 4 else { return }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = target.port.bigEndian
        address.sin_addr.s_addr = (UInt32(target.ip[0]) << 24 | UInt32(target.ip[1]) << 16 | UInt32(target.ip[2]) << 8 | UInt32(target.ip[3])).bigEndian
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(socket, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if sent > 0 && PacketKind(classifying: bytes[...]) == .rtp {
            packetsSent += 1
            bytesSent += bytes.count
        }
    }
}
