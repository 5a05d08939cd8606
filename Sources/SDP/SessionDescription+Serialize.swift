extension SessionDescription {
    /// The SDP text (RFC 8866 §5 line order: v o s c b t a, then each m=
    /// section with its c b a lines), lines ending in CRLF.
    public var text: String {
        var lines = ["v=\(version)", "o=\(origin)", "s=\(sessionName)"]
        if let connection { lines.append("c=\(connection.text)") }
        lines += bandwidths.map { "b=\($0)" }
        lines.append("t=\(timing)")
        lines += attributes.map(\.text)
        for section in media {
            let port = section.portCount.map { "\(section.port)/\($0)" } ?? "\(section.port)"
            lines.append("m=\(section.media) \(port) \(section.proto) \(section.formats.joined(separator: " "))")
            if let connection = section.connection { lines.append("c=\(connection.text)") }
            lines += section.bandwidths.map { "b=\($0)" }
            lines += section.attributes.map(\.text)
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

extension SDPAttribute {
    var text: String { value.map { "a=\(name):\($0)" } ?? "a=\(name)" }
}

extension SDPConnection {
    var text: String { "\(networkType) \(addressType) \(address)" }
}
