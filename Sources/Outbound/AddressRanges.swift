import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which addresses an outbound request may reach when the operator keeps
/// private networks out of reach (`--webhook-deny-private`): a webhook URL
/// is the API user's choice, and without this the server would POST to
/// anything it can reach (an internal port scanner through the job's
/// attempt list).
public enum AddressRanges {
    /// Loopback, private (RFC 1918, RFC 4193), link-local, CGNAT (RFC 6598),
    /// unspecified, multicast and broadcast addresses.
    public static func isInternal(_ address: [UInt8]) -> Bool {
        switch address.count {
        case 4:
            let (a, b) = (address[0], address[1])
            return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b))
                || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b)) || a >= 224
        case 16:
            if address[0..<10].allSatisfy({ $0 == 0 }) && address[10] == 0xff && address[11] == 0xff {
                return isInternal(Array(address[12..<16]))  // IPv4-mapped
            }
            let unspecifiedOrLoopback = address[0..<15].allSatisfy { $0 == 0 } && (address[15] == 0 || address[15] == 1)
            return unspecifiedOrLoopback || address[0] & 0xfe == 0xfc || (address[0] == 0xfe && address[1] & 0xc0 == 0x80) || address[0] == 0xff
        default:
            return true
        }
    }

    /// Every address `host` resolves to (a literal resolves to itself).
    public static func resolve(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(name, nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses: [[UInt8]] = []
        var entry = result
        while let current = entry {
            if let socketAddress = current.pointee.ai_addr {
                switch Int32(current.pointee.ai_family) {
                case AF_INET:
                    socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        withUnsafeBytes(of: v4.pointee.sin_addr) { addresses.append(Array($0)) }
                    }
                case AF_INET6:
                    socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        withUnsafeBytes(of: v6.pointee.sin6_addr) { addresses.append(Array($0)) }
                    }
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    /// Whether `host` is, or resolves to, an internal address (or does not resolve).
    public static func reachesInternal(_ host: String) -> Bool {
        let addresses = resolve(host)
        return addresses.isEmpty || addresses.contains(where: isInternal)
    }
}
