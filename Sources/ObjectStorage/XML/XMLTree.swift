/// The little XML that S3 answers in: elements, their text, nothing else.
/// Attributes are read past, comments and the `<?xml?>` prolog skipped,
/// CDATA kept as text; a DTD is refused outright, so no entity can expand.
/// Written for hostile bytes: depth and element counts are bounded, every
/// malformation is an error, never a trap.
public struct XMLElement: Equatable, Sendable {
    public var name: String
    public var children: [XMLElement]
    /// The element's own character data (entities decoded), children's left out.
    public var text: String

    public init(name: String, children: [XMLElement] = [], text: String = "") {
        self.name = name
        self.children = children
        self.text = text
    }

    /// The first child of that name.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child of that name.
    public func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child of that name.
    public func value(_ name: String) -> String? { child(name)?.text }

    /// The element back as XML text; parsing it gives this element again.
    public func serialized() -> String {
        "<\(name)>" + XMLTree.escape(text) + children.map { $0.serialized() }.joined() + "</\(name)>"
    }
}

public struct XMLTreeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "malformed XML at byte \(offset): \(reason)" }
}

public enum XMLTree {
    public static let maximumDepth = 32
    public static let maximumElements = 200_000

    public static func parse(_ bytes: [UInt8]) throws(XMLTreeError) -> XMLElement {
        var reader = Reader(bytes: bytes)
        return try reader.document()
    }

    static func escape(_ text: String) -> String {
        var output = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
