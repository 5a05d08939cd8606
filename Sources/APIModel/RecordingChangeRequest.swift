/// `PATCH /v1/recordings/{id}`: changes to a running recording — a new
/// layout for the rest of its composite, live stream destinations added or
/// removed (named as added, or as the job shows them with the key hidden).
/// Removals come first: a URL both removed and added starts again.
public struct RecordingChangeRequest: Codable, Equatable, Sendable {
    public var layout: String?
    public var addStreams: [String]?
    public var removeStreams: [String]?

    public init(layout: String? = nil, addStreams: [String]? = nil, removeStreams: [String]? = nil) {
        self.layout = layout
        self.addStreams = addStreams
        self.removeStreams = removeStreams
    }

    /// Refuses a change that asks for nothing, or a destination that cannot be one.
    public func validate() throws(ServiceError) {
        guard layout != nil || addStreams?.isEmpty == false || removeStreams?.isEmpty == false else {
            throw .invalid("give layout, addStreams or removeStreams")
        }
        if let layout { try validateLayoutName(layout) }
        for list in [addStreams, removeStreams] {
            guard let list else { continue }
            guard list.count <= StreamSpec.maximumDestinations else { throw .invalid("list at most \(StreamSpec.maximumDestinations) stream destinations") }
            guard Set(list).count == list.count else { throw .invalid("a destination is listed twice") }
        }
        for url in addStreams ?? [] { if let refusal = StreamURL.refusal(url) { throw .invalid("addStreams: \(refusal)") } }
        for url in removeStreams ?? [] where url.isEmpty || url.unicodeScalars.count > StreamURL.maximumLength {
            throw .invalid("removeStreams: a stream URL is 1 to \(StreamURL.maximumLength) characters")
        }
    }
}
