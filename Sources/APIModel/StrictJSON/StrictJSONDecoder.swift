/// Decodes `Decodable` types from JSON the way a strict API should: the
/// syntax is `JSONSyntax`'s (a position for every refusal), and a field the
/// type never asks for is refused by name, with the fields it does know
/// listed — a misspelt `layuot` is an error, not a silent default.
public enum StrictJSONDecoder {
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not JSON at all: where and why.
        case syntax(JSONSyntax.Failure)
        /// `path` is empty for the top level; `known` is what the type reads there.
        case unknownField(path: String, name: String, known: [String])
        /// A value of the wrong type, a missing one, or one the type refused.
        case invalid(path: String, reason: String)

        public var description: String {
            switch self {
            case let .syntax(failure): "the body is not valid JSON: \(failure)"
            case let .unknownField(path, name, known):
                "\(path.isEmpty ? "" : path + ": ")unknown field \"\(name)\""
                    + (known.isEmpty ? "" : " (known fields: \(known.joined(separator: ", ")))")
            case let .invalid(path, reason): "\(path.isEmpty ? "the body" : path): \(reason)"
            }
        }
    }

    public static func decode<T: Decodable, Bytes: Collection>(_ type: T.Type, from bytes: Bytes) throws(Failure) -> T where Bytes.Element == UInt8 {
        let value: JSONValue
        do { value = try JSONSyntax.parse(bytes) } catch { throw .syntax(error) }
        let reading = Reading()
        let decoded: T
        do {
            decoded = try T(from: ValueDecoder(value: value, codingPath: [], reading: reading))
        } catch let error as DecodingError {
            throw failure(error)
        } catch {
            throw .invalid(path: "", reason: "\(error)")
        }
        if let unknown = reading.firstUnknownField() { throw unknown }
        return decoded
    }

    static func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func failure(_ error: DecodingError) -> Failure {
        switch error {
        case let .typeMismatch(_, context): .invalid(path: pathText(context.codingPath), reason: context.debugDescription)
        case let .valueNotFound(_, context): .invalid(path: pathText(context.codingPath), reason: "a value is required")
        case let .keyNotFound(key, context): .invalid(path: pathText(context.codingPath + [key]), reason: "is required")
        case let .dataCorrupted(context): .invalid(path: pathText(context.codingPath), reason: context.debugDescription)
        @unknown default: .invalid(path: "", reason: "\(error)")
        }
    }

    /// Every object the type opened, with the members it asked for; what it
    /// never asked for is unknown.
    final class Reading {
        struct Visit {
            var path: String
            var names: [String]
            var asked: Set<String> = []
        }
        private var visits: [Visit] = []

        func open(path: [any CodingKey], names: [String]) -> Int {
            visits.append(Visit(path: StrictJSONDecoder.pathText(path), names: names))
            return visits.count - 1
        }

        func ask(_ visit: Int, _ name: String) { visits[visit].asked.insert(name) }

        func firstUnknownField() -> Failure? {
            var askedByPath: [String: Set<String>] = [:]
            for visit in visits { askedByPath[visit.path, default: []].formUnion(visit.asked) }
            for visit in visits {
                let asked = askedByPath[visit.path] ?? []
                if let name = visit.names.first(where: { !asked.contains($0) }) {
                    return .unknownField(path: visit.path, name: name, known: asked.sorted())
                }
            }
            return nil
        }
    }
}

/// The `Decoder` over one `JSONValue`.
struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let reading: StrictJSONDecoder.Reading
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(members) = value else { throw mismatch("an object") }
        let visit = reading.open(path: codingPath, names: members.map(\.key))
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath, reading: reading, visit: visit))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(items) = value else { throw mismatch("an array") }
        return UnkeyedContainer(items: items, codingPath: codingPath, reading: reading)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValue(value: value, codingPath: codingPath, reading: reading) }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.kindName)"))
    }
}

/// Keys for positions in an array, in coding paths.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
