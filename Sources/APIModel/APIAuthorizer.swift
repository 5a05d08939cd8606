/// Bearer API keys for `/v1`, compared in constant time so a wrong key's
/// timing says nothing about the right one. No keys configured: every
/// request passes (the server then binds to loopback only; see `tessera serve`).
public struct APIAuthorizer: Sendable {
    public let keys: [[UInt8]]

    public init(keys: [String]) { self.keys = keys.filter { !$0.isEmpty }.map { Array($0.utf8) } }

    public var isOpen: Bool { keys.isEmpty }

    public func allows(authorization header: String?) -> Bool {
        guard !keys.isEmpty else { return true }
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst(7).utf8)
        // Every key is compared, whichever matches.
        return keys.reduce(false) { matched, key in Self.constantTimeEqual(key, given) || matched }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<Swift.max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0xff)
        }
        return difference == 0
    }
}
