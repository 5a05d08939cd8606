import APIModel
import Foundation

/// libFuzzer entry: what the REST API parses from clients — JSON request
/// bodies through the strict reader and their validation, Range headers,
/// bearer credentials — must not trap, and what it accepts must hold its
/// promises: JSON text round trips, and what the strict reader accepts
/// Foundation's reads the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPI(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONSyntax.parse(bytes) {
        guard let again = try? JSONSyntax.parse(Array(value.text.utf8)), again == value else { fatalError("JSON text does not read back the same") }
    }
    if let strict = try? StrictJSONDecoder.decode(RecordingRequest.self, from: bytes),
       let loose = try? JSONDecoder().decode(RecordingRequest.self, from: bytes), strict != loose {
        fatalError("the strict reader and Foundation read a recording request differently")
    }
    if let request = try? StrictJSONDecoder.decode(RecordingRequest.self, from: bytes), let valid = try? request.validated() {
        // Accepted: a room name safe in paths, an output an encoder can take.
        guard valid.room.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              valid.output.width % 2 == 0, (16...3840).contains(valid.output.width), (1...60).contains(valid.output.fps) else {
            fatalError("an invalid recording request was accepted")
        }
        if valid.layout.contains("/") || valid.layout.contains(".") { fatalError("a layout path was accepted") }
        // Round trip: the request as a job stores it validates to the same spec (recovery reads it back).
        guard let stored = try? JSONEncoder().encode(valid.request), let again = try? JSONDecoder().decode(RecordingRequest.self, from: stored),
              (try? again.validated()) == valid else { fatalError("a stored recording request does not read back the same") }
    }
    if let request = try? StrictJSONDecoder.decode(RenderRequest.self, from: bytes), let valid = try? request.validated() {
        guard (valid.request.recordingId == nil) != (valid.request.uploadId == nil) else { fatalError("a render without exactly one source was accepted") }
        guard let stored = try? JSONEncoder().encode(valid.request), let again = try? JSONDecoder().decode(RenderRequest.self, from: stored),
              (try? again.validated()) == valid else { fatalError("a stored render request does not read back the same") }
    }
    if let request = try? StrictJSONDecoder.decode(RecordingChangeRequest.self, from: bytes), (try? request.validate()) != nil {
        // Accepted destinations are stream URLs, and each is shown with its key hidden: the hidden form is never one to send to.
        for url in request.addStreams ?? [] {
            guard StreamURL.refusal(url) == nil, ["rtmp://", "rtmps://", "srt://"].contains(where: url.lowercased().hasPrefix) else { fatalError("a stream URL that is none was accepted: \(url)") }
            let shown = StreamURL.redacted(url)
            guard shown == url || StreamURL.isRedacted(shown), StreamURL.redacted(url) == shown else { fatalError("a stream URL is shown unstably: \(url)") }
        }
    }
    if let request = try? StrictJSONDecoder.decode(RoomTokenRequest.self, from: bytes), let valid = try? request.validated() {
        guard !valid.name.isEmpty, valid.name.unicodeScalars.count <= 64, let ttl = valid.ttlSeconds, (60...86_400).contains(ttl) else {
            fatalError("an invalid room token request was accepted")
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let fileSize = Int64(size > 0 ? data[0] : 0) * 1000
    switch ByteRange(header: text, size: fileSize) {
    case let .range(range):
        guard range.lowerBound >= 0, range.upperBound < fileSize, range.lowerBound <= range.upperBound else {
            fatalError("range \(range) outside a file of \(fileSize) bytes")
        }
    case .unsatisfiable, .whole:
        break
    }
    let authorizer = APIAuthorizer(keys: ["secret-key"])
    if authorizer.allows(authorization: text), text != "Bearer secret-key" { fatalError("a wrong credential was allowed") }
    return 0
}
