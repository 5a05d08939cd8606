extension SessionDescription {
    /// Upper bounds that keep a hostile SDP from costing much.
    public static let maximumLength = 256 * 1024
    public static let maximumMediaSections = 256

    /// Parses SDP text (RFC 8866 §5). Lines end in CRLF or LF. Unknown line
    /// types are kept as nothing (§5 says to ignore them); malformed known
    /// lines are rejected with their line number and the reason.
    public static func parse(_ text: String) throws(SDPError) -> SessionDescription {
        guard text.utf8.count <= maximumLength else {
            throw SDPError(line: 0, text: "", reason: "SDP of \(text.utf8.count) bytes exceeds \(maximumLength)")
        }
        var session = SessionDescription()
        var sawVersion = false
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            while line.last == "\r" { line = line.dropLast() }  // stray CRs before the line end are not content
            if line.isEmpty { continue }
            func fail(_ reason: String) -> SDPError { SDPError(line: lineNumber, text: String(line.prefix(200)), reason: reason) }
            // RFC 8866 §9: no CR or NUL inside a line (they would not survive being written out again).
            if line.utf8.contains(where: { $0 == 0x0D || $0 == 0 }) { throw fail("CR or NUL inside a line") }
            let utf8 = Array(line.utf8)
            guard utf8.count >= 2, utf8[1] == UInt8(ascii: "="), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(utf8[0]) else {
                throw fail("expected <letter>=<value>")
            }
            let type = Character(UnicodeScalar(utf8[0]))
            let value = String(line.dropFirst(2))
            if !sawVersion {
                guard type == "v" else { throw fail("SDP must start with v=") }
                guard value == "0" else { throw fail("unsupported SDP version \(value)") }
                sawVersion = true
                continue
            }
            switch type {
            case "v": throw fail("second v= line")
            case "o": session.origin = value
            case "s": if session.media.isEmpty { session.sessionName = value }
            case "t": session.timing = value
            case "c":
                let connection = try parseConnection(value, fail)
                if session.media.isEmpty { session.connection = connection } else {
                    session.media[session.media.count - 1].connection = connection
                }
            case "b":
                if session.media.isEmpty { session.bandwidths.append(value) } else {
                    session.media[session.media.count - 1].bandwidths.append(value)
                }
            case "a":
                let attribute = try parseAttribute(value, fail)
                if session.media.isEmpty { session.attributes.append(attribute) } else {
                    session.media[session.media.count - 1].attributes.append(attribute)
                }
            case "m":
                guard session.media.count < maximumMediaSections else { throw fail("more than \(maximumMediaSections) m= sections") }
                session.media.append(try parseMedia(value, fail))
            default:
                continue  // i=, u=, e=, p=, r=, z=, k= and unknown types carry nothing tessera uses
            }
        }
        guard sawVersion else { throw SDPError(line: 1, text: "", reason: "empty SDP") }
        return session
    }

    private static func parseConnection(_ value: String, _ fail: (String) -> SDPError) throws(SDPError) -> SDPConnection {
        let parts = value.split(separator: " ")
        guard parts.count == 3 else { throw fail("c= needs <nettype> <addrtype> <address>") }
        guard parts[1] == "IP4" || parts[1] == "IP6" else { throw fail("unknown address type \(parts[1])") }
        guard let address = parts[2].split(separator: "/").first else { throw fail("empty connection address") }
        return SDPConnection(networkType: String(parts[0]), addressType: String(parts[1]), address: String(address))
    }

    private static func parseAttribute(_ value: String, _ fail: (String) -> SDPError) throws(SDPError) -> SDPAttribute {
        guard let colon = value.firstIndex(of: ":") else {
            guard !value.isEmpty else { throw fail("empty attribute") }
            return SDPAttribute(name: value)
        }
        let name = String(value[..<colon])
        guard !name.isEmpty else { throw fail("attribute without a name") }
        let attributeValue = String(value[value.index(after: colon)...])
        if name == "rtpmap" {
            do { _ = try MediaDescription.parseRTPMap(attributeValue) } catch { throw fail("rtpmap needs <pt> <encoding>/<clock rate>[/<channels>]") }
        }
        return SDPAttribute(name: name, value: attributeValue)
    }

    private static func parseMedia(_ value: String, _ fail: (String) -> SDPError) throws(SDPError) -> MediaDescription {
        let parts = value.split(separator: " ")
        guard parts.count >= 4 else { throw fail("m= needs <media> <port> <proto> <fmt>...") }
        let portParts = parts[1].split(separator: "/")
        guard let portText = portParts.first, let port = Int(portText), (0...65535).contains(port) else {
            throw fail("bad port \(parts[1])")
        }
        var portCount: Int?
        if portParts.count > 1 {
            guard let count = Int(portParts[1]), count > 0 else { throw fail("bad port count \(parts[1])") }
            portCount = count
        }
        return MediaDescription(
            media: String(parts[0]), port: port, portCount: portCount, proto: String(parts[2]),
            formats: parts[3...].map(String.init))
    }
}
