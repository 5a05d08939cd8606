import Foundation
import JanusProtocol

/// Where a validated recording's media comes from. The wire form
/// (`RecordingRequest.Source`) names it by a string; past validation it is
/// this enum, with each kind's settings and nothing optional that its kind needs.
public enum SourceSpec: Equatable, Sendable {
    /// The room's WHIP publishers (the default).
    case whip
    /// tessera joins the built-in room as a peer.
    case room
    /// tessera pulls a stream from a WHEP server.
    case whep(WHEPSourceSpec)
    /// tessera subscribes to every publisher of a Janus VideoRoom.
    case janus(JanusSourceSpec)

    /// The name clients use (`source.type`), for logs.
    public var type: String {
        switch self {
        case .whip: "whip"
        case .room: "room"
        case .whep: "whep"
        case .janus: "janus"
        }
    }

    /// Why the source's tracks end when it cannot start (the reason written into the dump).
    public var startFailure: String {
        switch self {
        case .whep: "the WHEP source could not be reached"
        case .janus: "the Janus room could not be joined"
        case .whip, .room: "the recording could not start"
        }
    }

    /// Why the recording stops when a pulled source's connection ends by itself.
    public var endedReason: String {
        switch self {
        case .whep: "the WHEP source ended"
        case .janus: "the Janus source ended"
        case .whip, .room: "the source ended"
        }
    }

    /// The host the server will call, for sources it pulls (lowercased, no brackets).
    public var host: String? {
        let url: URL
        switch self {
        case .whip, .room: return nil
        case let .whep(whep): url = whep.url
        case let .janus(janus): url = janus.url
        }
        return (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    }
}

public struct WHEPSourceSpec: Equatable, Sendable {
    public let url: URL
    public let token: String?
    /// The participant's display name: the one given, else the URL's host.
    public let participantName: String
}

public struct JanusSourceSpec: Equatable, Sendable {
    public let url: URL
    public let room: JanusID
    public let pin: String?
    public let token: String?
}

/// A recording request that passed validation, with every default filled in.
public struct RecordingSpec: Equatable, Sendable {
    public let room: String
    public let source: SourceSpec
    public let layout: String
    public let output: OutputSpec
    /// The composite as HLS too, from the same encode.
    public let hls: HLSSpec?
    /// JPEGs of the composite every so often.
    public let thumbnails: ThumbnailsSpec?
    /// Live stream destinations of the composite (full URLs, keys included: never stored).
    public let streams: [String]
    /// Each track to a file of its own, copied from the dump at the end.
    public let tracks: Bool
    public let limits: LimitsRequest?
    public let webhookUrl: String?
    /// false: keep the dump only.
    public let liveComposite: Bool
    /// The wire form with the defaults filled in: what the job stores (as `withoutSecrets`).
    public let request: RecordingRequest
}

/// A render request that passed validation.
public struct RenderSpec: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case recording(String)
        case upload(String)
    }

    public let source: Source
    public let layout: String
    public let output: OutputSpec
    /// The composite as HLS too, from the same encode.
    public let hls: HLSSpec?
    /// JPEGs of the composite every so often.
    public let thumbnails: ThumbnailsSpec?
    /// Each track to a file of its own, copied from the dump.
    public let tracks: Bool
    /// Session seconds to start and stop at (the whole session when absent).
    public let from: Double?
    public let to: Double?
    public let webhookUrl: String?
    public let request: RenderRequest

    /// `to` after `from`, and `from` inside the source: checked once the
    /// source is known to exist (its length in seconds, when known).
    public func validateSpan(sourceSeconds: Double? = nil) throws(ServiceError) {
        if let to, !(to > (from ?? 0)) { throw .invalid("to must be after from") }
        if let from, let sourceSeconds, from >= sourceSeconds {
            throw .conflict("from (\(from) s) is past the end of the media: the dump holds \(String(format: "%.2f", sourceSeconds)) s")
        }
    }
}
