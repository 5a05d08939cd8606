/// The containers `ValueDecoder` hands out. Every key a type looks up, even
/// one it finds absent, is noted as known to the object it belongs to.
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONValue.Member]
    let codingPath: [any CodingKey]
    let reading: StrictJSONDecoder.Reading
    let visit: Int

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool {
        reading.ask(visit, key.stringValue)
        return members.contains { $0.key == key.stringValue }
    }

    private func member(_ key: Key) throws -> JSONValue {
        reading.ask(visit, key.stringValue)
        guard let member = members.first(where: { $0.key == key.stringValue }) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is required"))
        }
        return member.value
    }

    private func decoder(_ key: Key) throws -> ValueDecoder {
        ValueDecoder(value: try member(key), codingPath: codingPath + [key], reading: reading)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let decoder = try decoder(key)
        if decoder.value == .null, !(T.self is any OptionalMarker.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: decoder.codingPath, debugDescription: "a value is required"))
        }
        return try T(from: decoder)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        let decoder = try decoder(key)
        if decoder.value == .null {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: decoder.codingPath, debugDescription: "a value is required"))
        }
        return try T(from: decoder)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try decoder(key).unkeyedContainer() }

    func superDecoder() throws -> any Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "super decoders are not supported"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(key) }
}

/// Lets `decode(_:forKey:)` tell `Optional` apart: `null` is a value only for it.
protocol OptionalMarker {}
extension Optional: OptionalMarker {}

struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    let reading: StrictJSONDecoder.Reading
    private(set) var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey], reading: StrictJSONDecoder.Reading) {
        self.items = items
        self.codingPath = codingPath
        self.reading = reading
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> ValueDecoder {
        let path = codingPath + [IndexKey(currentIndex)]
        guard currentIndex < items.count else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: path, debugDescription: "the array has only \(items.count) items"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: items[currentIndex], codingPath: path, reading: reading)
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = try next()
        if decoder.value == .null, !(T.self is any OptionalMarker.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: decoder.codingPath, debugDescription: "a value is required"))
        }
        return try T(from: decoder)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(as: type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(as: type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(as: type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(as: type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(as: type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(as: type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(as: type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(as: type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(as: type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(as: type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(as: type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(as: type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(as: type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(as: type) }

    private mutating func next<Value: Decodable>(as type: Value.Type) throws -> Value { try Value(from: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct SingleValue: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let reading: StrictJSONDecoder.Reading

    func decodeNil() -> Bool { value == .null }

    private func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.kindName)"))
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case let .bool(flag) = value else { throw mismatch("true or false") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case let .string(text) = value else { throw mismatch("a string") }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard case let .number(literal) = value else { throw mismatch("a number") }
        guard let number = Double(literal), number.isFinite else { throw mismatch("a number a double can hold") }
        return number
    }

    func decode(_ type: Float.Type) throws -> Float {
        guard case let .number(literal) = value else { throw mismatch("a number") }
        guard let number = Float(literal), number.isFinite else { throw mismatch("a number a float can hold") }
        return number
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard case let .number(literal) = value else { throw mismatch("an integer") }
        // JSON has one number type: 550.0 and 5.5e2 are the integer 550 too (JSON Schema's "integer").
        guard let number = I(literal) ?? Double(literal).flatMap({ $0.isFinite ? I(exactly: $0) : nil }) else {
            throw DecodingError.typeMismatch(I.self, .init(codingPath: codingPath, debugDescription: "expected an integer from \(I.min) to \(I.max), found \(literal)"))
        }
        return number
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: codingPath, reading: reading))
    }
}
