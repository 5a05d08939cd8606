import ArgumentParser
import Dump
import Foundation
import RTP
import WebRTC

/// `tessera benchmark receive`: the receive path per packet, in process —
/// SRTP unprotect → RTCP bookkeeping (reception statistics, NACK, keyframe
/// tracking, feedback every 10 ms of simulated time) → dump append — on
/// packets a publisher made of the stack's own parts encrypted beforehand.
/// One thread, like the media event loop.
struct Benchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measures tessera's own code paths (for BENCHMARKS.md).",
        subcommands: [ReceivePath.self, BenchmarkPublishers.self, BenchmarkLive.self, BenchmarkRequests.self, BenchmarkUpload.self, BenchmarkCluster.self])

    struct ReceivePath: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "receive", abstract: "Packets per second through SRTP unprotect, RTCP bookkeeping and dump append.")

        @Option(help: "Packets to send through (video and audio, 4:1).") var packets = 300_000
        @Option(help: "Where the dump goes (deleted afterwards).") var dump = "/tmp/tessera-bench-receive.rtpd"
        @Flag(help: "Print one JSON line.") var json = false

        func run() throws {
            let certificate = try DTLSCertificate(), peerCertificate = try DTLSCertificate()
            let media = [
                NegotiatedMedia(mid: "0", kind: "audio", codecs: [.init(payloadType: 111, name: "opus", clockRate: 48_000, channels: 2)], headerExtensions: [:]),
                NegotiatedMedia(mid: "1", kind: "video", codecs: [.init(payloadType: 96, name: "VP8", clockRate: 90_000, retransmissionPayloadType: 97)],
                                headerExtensions: [:]),
            ]
            let local = ICECredentials(ufrag: "tess", password: "local-password-0123456789")
            let connection = try ReceiveConnection(
                configuration: .init(localICE: local, remoteICE: ICECredentials(ufrag: "peer", password: "remote-password-0123456789"),
                                     dtlsRole: .server, remoteFingerprint: peerCertificate.fingerprint, media: media),
                certificate: certificate)
            let peer = STUNAddress(ip: [127, 0, 0, 1], port: 40_000)

            // ICE nomination and the DTLS handshake, through memory.
            let check = STUNMessage(messageClass: .request, transactionID: Array(repeating: 1, count: 12),
                                    attributes: [.username("tess:peer"), .priority(1), .iceControlling(tieBreaker: 1), .useCandidate])
                .serialize(integrityKey: Array(local.password.utf8))
            _ = connection.handle(check, from: peer, now: 0)
            let client = try DTLSTransport(role: .client, certificate: peerCertificate, remoteFingerprint: certificate.fingerprint)
            var keys: SRTPKeyMaterial?
            var toServer = client.start().compactMap { if case let .send(d) = $0 { d } else { nil } }
            for _ in 0..<10 where keys == nil {
                var toClient: [[UInt8]] = []
                for datagram in toServer {
                    for case let .send(bytes, _) in connection.handle(datagram, from: peer, now: 0) { toClient.append(bytes) }
                }
                toServer = []
                for datagram in toClient {
                    for output in client.handle(datagram) {
                        if case let .send(d) = output { toServer.append(d) }
                        if case let .connected(k) = output { keys = k }
                    }
                }
            }
            guard let keys, connection.isConnected else { throw ValidationError("the in-memory handshake did not complete") }
            let protector = try SRTPSession(profile: keys.profile, key: keys.localKey, salt: keys.localSalt, direction: .outbound)

            // Packets made and encrypted before the clock starts: 30 fps video of 4 packets a frame, 50 pps audio.
            var datagrams: [[UInt8]] = []
            datagrams.reserveCapacity(packets)
            var videoSequence: UInt16 = 1, audioSequence: UInt16 = 1
            var videoTimestamp: UInt32 = 0, audioTimestamp: UInt32 = 0
            let videoPayload = [UInt8](repeating: 0x5A, count: 1100), audioPayload = [UInt8](repeating: 0x33, count: 120)
            while datagrams.count < packets {
                for part in 0..<4 {
                    let descriptor: [UInt8] = part == 0 ? [0x10, 0x01, 0x00, 0x00] : [0x00]
                    let packet = RTPPacketFields(marker: part == 3, payloadType: 96, sequenceNumber: videoSequence, timestamp: videoTimestamp,
                                                 ssrc: 0x1111, payload: descriptor + videoPayload).serialize()
                    datagrams.append(try protector.protectRTP(packet))
                    videoSequence &+= 1
                }
                videoTimestamp &+= 3000
                let audio = RTPPacketFields(payloadType: 111, sequenceNumber: audioSequence, timestamp: audioTimestamp, ssrc: 0x2222,
                                            payload: audioPayload).serialize()
                datagrams.append(try protector.protectRTP(audio))
                audioSequence &+= 1
                audioTimestamp &+= 960
            }

            // Room for the whole run: nothing may be dropped, and the time includes writing it all out.
            let writer = try LiveDumpWriter(path: dump, header: DumpHeader(anchorWallClockMicros: 0), maximumPending: 1 << 30)
            defer { unlink(dump) }
            var trackIDs: [Int: UInt16] = [:]
            var sink: [UInt8] = []
            let clock = ContinuousClock()
            let started = clock.now
            var simulated: Int64 = 1_000
            var lastAdvance: Int64 = 0
            var lastConsent: Int64 = 0
            for datagram in datagrams {
                simulated += 6_700  // ≈150 packets a second of media time per publisher
                for output in connection.handle(datagram, from: peer, now: simulated) {
                    switch output {
                    case let .trackAdded(track):
                        trackIDs[track.index] = UInt16(track.index + 1)
                    case let .rtp(index, packet):
                        try writer.append(.rtp(track: trackIDs[index] ?? 0, bytes: packet[...]), time: simulated)
                    case let .rtcp(_, packet):
                        try writer.append(.rtcp(track: 0, bytes: packet[...]), time: simulated)
                    default:
                        break
                    }
                }
                if simulated - lastConsent >= 5_000_000 {
                    lastConsent = simulated  // the publisher's consent check (RFC 7675), as browsers send
                    _ = connection.handle(check, from: peer, now: simulated)
                }
                if simulated - lastAdvance >= 10_000 {
                    lastAdvance = simulated
                    for case let .send(bytes, _) in connection.advance(to: simulated) { sink += bytes.prefix(1) }
                }
            }
            let appended = clock.now - started
            try writer.close()
            let elapsed = clock.now - started
            guard writer.statistics.recordsDropped == 0 else {
                throw ValidationError("the dump writer dropped \(writer.statistics.recordsDropped) records")
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let appendSeconds = Double(appended.components.seconds) + Double(appended.components.attoseconds) / 1e18
            let rate = Double(datagrams.count) / seconds
            let statistics = connection.statistics
            guard statistics.rtpPackets == datagrams.count, !connection.isClosed else {
                throw ValidationError("only \(statistics.rtpPackets) of \(datagrams.count) packets went through: \(statistics.rejected)")
            }
            if json {
                print(#"{"packets":\#(datagrams.count),"seconds":\#(seconds),"packetsPerSecond":\#(Int(rate)),"eventLoopPacketsPerSecond":\#(Int(Double(datagrams.count) / appendSeconds)),"profile":"\#(keys.profile)","rtcpSent":\#(sink.count),"rejected":\#(statistics.rejected.values.reduce(0, +))}"#)
            } else {
                print("receive path: \(datagrams.count) packets in \(String(format: "%.3f", seconds)) s = \(Int(rate)) packets/s, "
                      + "the event loop's share \(String(format: "%.3f", appendSeconds)) s = \(Int(Double(datagrams.count) / appendSeconds)) packets/s "
                      + "(SRTP \(keys.profile), \(statistics.rtpPackets) decrypted, \(statistics.rejected.values.reduce(0, +)) rejected, "
                      + "\(sink.count) RTCP packets sent, \(writer.statistics.bytesWritten) dump bytes)")
            }
        }
    }
}
