import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import WebRTC
@testable import WebRTCDriver

/// The UDP driver on a real loopback socket: checks are routed to their
/// connection by ICE username, and a peer whose candidates cannot be
/// reached (another address family, a closed port that answers with ICMP)
/// does not take the shared socket down for everyone else.
@Suite struct UDPMediaServerTests {
    final class Sink: ConnectionSink, @unchecked Sendable {
        func connection(_ ufrag: String, produced output: ReceiveConnection.Output, now: Int64) {}
    }

    static func connection(ufrag: String, candidates: [ICECandidate]) throws -> ReceiveConnection {
        var configuration = ReceiveConnection.Configuration(
            localICE: ICECredentials(ufrag: ufrag, password: "local-password-0123456789"),
            remoteICE: ICECredentials(ufrag: "peer", password: "remote-password-0123456789"),
            dtlsRole: .server, remoteFingerprint: "sha-256 00", media: [])
        configuration.remoteCandidates = candidates
        configuration.connectTimeoutMicros = 600_000_000  // these peers never connect; a slow machine must not drop them
        return try ReceiveConnection(configuration: configuration, certificate: try DTLSCertificate())
    }

    /// Sends a Binding request for `ufrag` from a plain socket and waits (bounded) for the answer.
    static func check(port: Int, ufrag: String) throws -> STUNMessage? {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(socket) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let request = STUNMessage(messageClass: .request, transactionID: Array(repeating: 3, count: 12),
                                  attributes: [.username(ufrag + ":peer"), .priority(1), .iceControlling(tieBreaker: 9)])
            .serialize(integrityKey: Array("local-password-0123456789".utf8))
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(socket, request, request.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var buffer = [UInt8](repeating: 0, count: 1500)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            // Our own checks to this socket may come first; the answer is the success response.
            if let message = try? STUNMessage(parsing: buffer[0..<count]), message.messageClass == .success { return message }
        }
    }

    @Test func unreachableCandidatesDoNotCloseTheSharedSocket() async throws {
        let server = try await UDPMediaServer.start(host: "127.0.0.1", ports: [0], group: MultiThreadedEventLoopGroup.singleton)
        let sink = Sink()
        // One peer whose candidates are unreachable: IPv6 on an IPv4 socket, and a closed loopback port.
        let unreachable = [
            try ICECandidate(parsing: "candidate:1 1 udp 2130706431 ::1 9 typ host"),
            try ICECandidate(parsing: "candidate:2 1 udp 2130706430 127.0.0.1 9 typ host"),
        ]
        try await server.add(ufrag: "bad1", sink: sink) { try Self.connection(ufrag: "bad1", candidates: unreachable) }.get()
        try await server.add(ufrag: "good", sink: sink) { try Self.connection(ufrag: "good", candidates: []) }.get()
        // The bad peer's checks go out (one to IPv6 cannot leave this socket), ICMP comes back.
        let started = ContinuousClock.now
        while try await server.statistics.get().unsendable == 0 && ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
        }

        let port = server.ports[0]
        let answer = try await Task.detached { try Self.check(port: port, ufrag: "good") }.value
        #expect(answer?.messageClass == .success, "the other peer is still answered")
        let unknown = try await Task.detached { try Self.check(port: port, ufrag: "nobody") }.value
        #expect(unknown == nil, "a check for no connection is not answered")
        let statistics = try await server.statistics.get()
        #expect(statistics.unsendable >= 1 && statistics.unrouted >= 1 && statistics.connections == 2)
        await server.stop()
    }
}
