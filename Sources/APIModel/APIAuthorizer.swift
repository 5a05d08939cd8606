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
        return keys.reduce(false) { matched, key in ConstantTime.equal(key, given) || matched }
    }
}
