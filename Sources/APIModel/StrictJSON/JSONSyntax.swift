/// A strict JSON reader (RFC 8259): no trailing commas, no comments, no
/// duplicate names, valid UTF-8 only, nesting at most `maximumDepth`. A
/// refusal says where (line, column, byte offset) and what was expected
/// there, which Foundation's decoder does not.
public struct JSONSyntax {
    public static let maximumDepth = 64

    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Byte offset into the text, from 0.
        public var offset: Int
        /// Line and column, from 1 (columns count bytes).
        public var line: Int
        public var column: Int
        public var reason: String

        public var description: String { "line \(line), column \(column): \(reason)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The one value the text holds, with nothing but whitespace around it.
    public static func parse<Bytes: Collection>(_ text: Bytes) throws(Failure) -> JSONValue where Bytes.Element == UInt8 {
        var reader = JSONSyntax(Array(text))
        reader.skipWhitespace()
        if reader.index == reader.bytes.count { throw reader.failure("the body is empty: send a JSON object") }
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        if reader.index < reader.bytes.count { throw reader.failure("unexpected \(reader.describeNext()) after the end of the JSON value") }
        return value
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        guard index < bytes.count else { throw failure("the JSON ends where a value was expected") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("expected a value, found \(describeNext())")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var members: [JSONValue.Member] = []
        var names = Set<String>()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { index += 1; return .object([]) }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                throw failure(members.isEmpty ? "expected a field name in double quotes, found \(describeNext())"
                                              : "expected a field name in double quotes after ',', found \(describeNext()) (no trailing commas in JSON)")
            }
            let nameStart = index
            let name = try string()
            guard names.insert(name).inserted else { throw failure("field \"\(name)\" appears twice", at: nameStart) }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw failure("expected ':' after the field name \"\(name)\", found \(describeNext())") }
            index += 1
            skipWhitespace()
            members.append(.init(key: name, value: try value(depth: depth + 1)))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "}")) { index += 1; return .object(members) }
            throw failure("expected ',' or '}' after the value of \"\(name)\", found \(describeNext())")
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { index += 1; return .array([]) }
        while true {
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { throw failure("expected a value after ',', found ']' (no trailing commas in JSON)") }
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "]")) { index += 1; return .array(items) }
            throw failure("expected ',' or ']' in the array, found \(describeNext())")
        }
    }

    /// RFC 8259 §7: escapes, \u with surrogate pairs; raw control characters are refused.
    private mutating func string() throws(Failure) -> String {
        let start = index
        index += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush(_ run: inout [UInt8], into scalars: inout String.UnicodeScalarView) -> Bool {
            guard !run.isEmpty else { return true }
            guard let text = String(validating: run, as: UTF8.self) else { return false }
            scalars.append(contentsOf: text.unicodeScalars)
            run.removeAll(keepingCapacity: true)
            return true
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard flush(&run, into: &scalars) else { throw failure("the string is not valid UTF-8", at: start) }
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                guard flush(&run, into: &scalars) else { throw failure("the string is not valid UTF-8", at: start) }
                scalars.append(try escape())
            case 0..<0x20:
                throw failure("a control character inside a string must be escaped")
            default:
                run.append(byte)
                index += 1
            }
        }
        throw failure("the string that starts here is not closed", at: start)
    }

    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        let start = index
        index += 1
        guard index < bytes.count else { throw failure("the JSON ends inside an escape", at: start) }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try hex4(start)
            if (0xD800..<0xDC00).contains(first) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("\\u escape of a lone surrogate", at: start)
                }
                index += 2
                let second = try hex4(start)
                guard (0xDC00..<0xE000).contains(second),
                      let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) else {
                    throw failure("\\u escape of a lone surrogate", at: start)
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else { throw failure("\\u escape of a lone surrogate", at: start) }
            return scalar
        default:
            throw failure("unknown escape in a string", at: start)
        }
    }

    private mutating func hex4(_ start: Int) throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("\\u needs four hex digits", at: start) }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexDigit(byte) else { throw failure("\\u needs four hex digits", at: start) }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(Failure) -> String {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        if peek(UInt8(ascii: "0")) {
            index += 1
            if digitNext() { throw failure("a number must not start with 0", at: start) }
        } else {
            guard digitNext() else { throw failure("expected a digit in the number", at: start) }
            skipDigits()
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard digitNext() else { throw failure("expected a digit after the decimal point", at: start) }
            skipDigits()
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard digitNext() else { throw failure("expected a digit in the exponent", at: start) }
            skipDigits()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        guard index + count <= bytes.count, bytes[index..<index + count].elementsEqual(expected) else {
            throw failure("expected a value, found \(describeNext())")
        }
        index += count
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }
    private func digitNext() -> Bool { index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) }
    private mutating func skipDigits() { while digitNext() { index += 1 } }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func describeNext() -> String {
        guard index < bytes.count else { return "the end of the body" }
        let byte = bytes[index]
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private func failure(_ reason: String, at offset: Int? = nil) -> Failure {
        let at = min(offset ?? index, bytes.count)
        var line = 1, column = 1
        for byte in bytes[0..<at] {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return Failure(offset: at, line: line, column: column, reason: reason)
    }
}
