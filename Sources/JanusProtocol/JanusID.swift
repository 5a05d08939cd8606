/// A Janus VideoRoom id: rooms and feeds are numbers unless the plugin runs
/// with `string_ids = true`, and a request must carry an id in the type the
/// server uses (a number sent as a string is "no such room").
public enum JanusID: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(UInt64)
    case string(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt64.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .number(number): try container.encode(number)
        case let .string(text): try container.encode(text)
        }
    }

    public var description: String {
        switch self {
        case let .number(number): String(number)
        case let .string(text): text
        }
    }
}
