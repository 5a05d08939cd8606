/// The scanner behind `XMLTree.parse`: one pass over the bytes, an explicit
/// stack instead of recursion, so depth costs no call frames.
struct Reader {
    let bytes: [UInt8]
    var position = 0
    private var elements = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ reason: String) -> XMLTreeError { XMLTreeError(offset: position, reason: reason) }

    private func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard bytes.count - position >= pattern.count else { return false }
        return bytes[position..<position + pattern.count].elementsEqual(pattern)
    }

    /// Moves past `terminator`; fails when it never comes.
    private mutating func skip(past terminator: String) throws(XMLTreeError) -> Range<Int> {
        let pattern = Array(terminator.utf8)
        let start = position
        while position <= bytes.count - pattern.count {
            if bytes[position..<position + pattern.count].elementsEqual(pattern) {
                defer { position += pattern.count }
                return start..<position
            }
            position += 1
        }
        throw fail("\(terminator) never comes")
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[position]) { position += 1 }
    }

    /// Skips the prolog, comments and processing instructions before or after the root.
    private mutating func skipMisc() throws(XMLTreeError) {
        while true {
            skipSpace()
            if starts(with: "<?") { _ = try skip(past: "?>") } else if starts(with: "<!--") { _ = try skip(past: "-->") } else { return }
        }
    }

    mutating func document() throws(XMLTreeError) -> XMLElement {
        if starts(with: "\u{FEFF}") { position += 3 }
        try skipMisc()
        if starts(with: "<!") { throw fail("a document type declaration is not accepted") }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else { throw fail("no root element") }
        let root = try element()
        try skipMisc()
        guard position == bytes.count else { throw fail("content after the root element") }
        return root
    }

    private mutating func name() throws(XMLTreeError) -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if [0x20, 0x09, 0x0a, 0x0d, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<")].contains(byte) { break }
            position += 1
        }
        guard position > start, let text = String(validating: bytes[start..<position], as: UTF8.self) else { throw fail("expected a name") }
        return text
    }

    /// Reads `<name attr="…">` up to its `>`; true when it closed itself (`/>`).
    private mutating func openTag() throws(XMLTreeError) -> (name: String, selfClosing: Bool) {
        position += 1
        let tag = try name()
        while true {
            skipSpace()
            guard position < bytes.count else { throw fail("a tag is not closed") }
            if bytes[position] == UInt8(ascii: ">") { position += 1; return (tag, false) }
            if starts(with: "/>") { position += 2; return (tag, true) }
            _ = try name()
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw fail("an attribute has no value") }
            position += 1
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw fail("an attribute value is not quoted")
            }
            let quote = bytes[position] == UInt8(ascii: "\"") ? "\"" : "'"
            position += 1
            _ = try skip(past: quote)
        }
    }

    private mutating func element() throws(XMLTreeError) -> XMLElement {
        var stack: [XMLElement] = []
        while true {
            guard position < bytes.count else { throw fail("the document ends inside <\(stack.last?.name ?? "")>") }
            if starts(with: "</") {
                position += 2
                let closing = try name()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw fail("a closing tag is not closed") }
                position += 1
                guard let open = stack.popLast(), open.name == closing else { throw fail("</\(closing)> closes no open element of that name") }
                if stack.isEmpty { return open }
                stack[stack.count - 1].children.append(open)
            } else if starts(with: "<!--") {
                _ = try skip(past: "-->")
            } else if starts(with: "<![CDATA[") {
                position += 9
                let range = try skip(past: "]]>")
                guard !stack.isEmpty, let text = String(validating: bytes[range], as: UTF8.self) else { throw fail("misplaced or invalid CDATA") }
                stack[stack.count - 1].text += text
            } else if starts(with: "<?") {
                _ = try skip(past: "?>")
            } else if starts(with: "<!") {
                throw fail("a declaration is not accepted inside an element")
            } else if bytes[position] == UInt8(ascii: "<") {
                elements += 1
                guard elements <= XMLTree.maximumElements else { throw fail("more than \(XMLTree.maximumElements) elements") }
                guard stack.count < XMLTree.maximumDepth else { throw fail("nested deeper than \(XMLTree.maximumDepth)") }
                let tag = try openTag()
                let opened = XMLElement(name: tag.name)
                if tag.selfClosing {
                    if stack.isEmpty { return opened }
                    stack[stack.count - 1].children.append(opened)
                } else {
                    stack.append(opened)
                }
            } else {
                guard !stack.isEmpty else { throw fail("text outside the root element") }
                stack[stack.count - 1].text += try characterData()
            }
        }
    }

    /// Text up to the next `<`, with the five predefined entities and character references decoded.
    private mutating func characterData() throws(XMLTreeError) -> String {
        var output: [UInt8] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
            guard bytes[position] == UInt8(ascii: "&") else { output.append(bytes[position]); position += 1; continue }
            let start = position
            guard let end = bytes[position..<min(bytes.count, position + 12)].firstIndex(of: UInt8(ascii: ";")) else { throw fail("an entity is not ended") }
            let entity = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
            position = end + 1
            let scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init) }
                else { scalar = nil }
            }
            guard let scalar else { throw XMLTreeError(offset: start, reason: "unknown entity &\(entity);") }
            output.append(contentsOf: Array(String(scalar).utf8))
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw fail("text is not UTF-8") }
        return text
    }
}
