/// A rejected SDP: the 1-based line number, the line itself and why.
public struct SDPError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var text: String
    public var reason: String

    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.text = text
        self.reason = reason
    }

    public var description: String { "SDP line \(line) \"\(text)\": \(reason)" }
}
