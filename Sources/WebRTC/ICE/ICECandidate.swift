/// One remote candidate from `a=candidate` (RFC 8839 §5.1):
/// "foundation component transport priority address port typ type …".
/// tessera uses UDP candidates of component 1 with a literal address;
/// mDNS names (".local") and TCP candidates are refused with a reason.
public struct ICECandidate: Equatable, Sendable {
    public var foundation: String
    public var priority: UInt32
    public var address: STUNAddress
    public var type: String

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(String)
        case unsupported(String)
        public var isUnsupported: Bool { if case .unsupported = self { true } else { false } }

        public var description: String {
            switch self {
            case let .malformed(reason): "malformed candidate: \(reason)"
            case let .unsupported(reason): "candidate not usable: \(reason)"
            }
        }
    }

    public init(foundation: String, priority: UInt32, address: STUNAddress, type: String) {
        self.foundation = foundation
        self.priority = priority
        self.address = address
        self.type = type
    }

    /// Parses the value of an `a=candidate:` line (with or without the "candidate:" prefix).
    public init(parsing line: String) throws(ParseError) {
        var text = Substring(line)
        if text.hasPrefix("a=") { text = text.dropFirst(2) }
        if text.hasPrefix("candidate:") { text = text.dropFirst("candidate:".count) }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 8, words[6] == "typ" else { throw .malformed("expected \"foundation component transport priority address port typ type\"") }
        guard let component = Int(words[1]), let priority = UInt32(words[3]), let port = UInt16(words[5]), port > 0 else {
            throw .malformed("component, priority and port must be numbers")
        }
        guard component == 1 else { throw .unsupported("component \(component): tessera uses rtcp-mux, component 1 only") }
        guard words[2].lowercased() == "udp" else { throw .unsupported("transport \(words[2]): UDP only") }
        guard let ip = Self.parseIP(String(words[4])) else {
            throw .unsupported("address \(words[4]) is not a literal IPv4 or IPv6 address (mDNS names are not resolved)")
        }
        self.init(foundation: String(words[0]), priority: priority, address: STUNAddress(ip: ip, port: port), type: String(words[7]))
    }

    /// Dotted IPv4 or RFC 4291 §2.2 IPv6 text, to bytes.
    static func parseIP(_ text: String) -> [UInt8]? {
        if !text.contains(":") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            let bytes = parts.compactMap { UInt8($0) }
            return bytes.count == 4 ? bytes : nil
        }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            let values = fields.compactMap { $0.count <= 4 ? UInt16($0, radix: 16) : nil }
            return values.count == fields.count ? values : nil
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + [UInt16](repeating: 0, count: halves.count == 2 ? missing : 0) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}
