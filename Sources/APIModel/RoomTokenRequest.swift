import Foundation

/// `POST /v1/rooms/{room}/tokens`: a token for one person to join a built-in room.
public struct RoomTokenRequest: Codable, Equatable, Sendable {
    /// The display name others see.
    public var name: String
    /// Whether the holder may start and stop the room's recording.
    public var mayRecord: Bool?
    /// How long the token is good for joining (default one hour, at most a day).
    public var ttlSeconds: Int?

    public init(name: String, mayRecord: Bool? = nil, ttlSeconds: Int? = nil) {
        self.name = name
        self.mayRecord = mayRecord
        self.ttlSeconds = ttlSeconds
    }

    public func validated() throws(ServiceError) -> RoomTokenRequest {
        var request = self
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, (1...64).contains(name.unicodeScalars.count),
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid("name must be 1–64 characters without control characters")
        }
        request.name = trimmed
        if let ttlSeconds, !(60...86_400).contains(ttlSeconds) { throw .invalid("ttlSeconds must be 60–86400") }
        request.ttlSeconds = ttlSeconds ?? 3600
        request.mayRecord = mayRecord ?? false
        return request
    }
}

/// Room names: what WHIP rooms and recordings take too.
public func validateRoomName(_ room: String) throws(ServiceError) {
    guard SafeName.isValid(room) else {
        throw .invalid("room must be 1–64 letters, digits, '-' or '_'")
    }
}
