import Testing
@testable import WebRTC

@Suite struct ICECandidateTests {
    @Test(arguments: [
        ("candidate:842163049 1 udp 1677729535 192.0.2.7 54321 typ srflx raddr 10.0.0.2 rport 54321 generation 0",
         STUNAddress(ip: [192, 0, 2, 7], port: 54_321), UInt32(1_677_729_535), "srflx"),
        ("a=candidate:1 1 UDP 2130706431 ::1 9000 typ host", STUNAddress(ip: [UInt8](repeating: 0, count: 15) + [1], port: 9000), 2_130_706_431, "host"),
        ("1 1 udp 5 2001:db8::a:1 7 typ host", STUNAddress(ip: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0, 1], port: 7), 5, "host"),
    ])
    func parses(line: String, address: STUNAddress, priority: UInt32, type: String) throws {
        let candidate = try ICECandidate(parsing: line)
        #expect(candidate.address == address && candidate.priority == priority && candidate.type == type)
    }

    @Test(arguments: [
        ("candidate:1 1 udp 1 host.local 9 typ host", "mDNS"),
        ("candidate:1 1 tcp 1 127.0.0.1 9 typ host tcptype passive", "UDP only"),
        ("candidate:1 2 udp 1 127.0.0.1 9 typ host", "component 2"),
        ("candidate:1 1 udp 1 127.0.0.1 9", "expected"),
        ("candidate:1 1 udp x 127.0.0.1 9 typ host", "numbers"),
        ("candidate:1 1 udp 1 127.0.0.1 0 typ host", "numbers"),
        ("candidate:1 1 udp 1 256.0.0.1 9 typ host", "not a literal"),
        ("candidate:1 1 udp 1 1::2::3 9 typ host", "not a literal"),
        ("", "expected"),
    ])
    func refuses(line: String, reason: String) {
        do {
            _ = try ICECandidate(parsing: line)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
        }
    }
}
