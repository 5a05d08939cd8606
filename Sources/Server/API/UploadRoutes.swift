import Dump
import Foundation
import HTTPTypes
import Hummingbird
import Jobs

/// `POST /v1/uploads`: an RTP dump from elsewhere (another tessera, or one
/// `tessera import` made of a pcap or Janus recording), streamed to disk
/// under `DATA-DIR/uploads/ID.rtpd` and size-limited, so it can be rendered
/// with `POST /v1/renders {"uploadId": ID}`.
enum UploadRoutes {
    struct Uploaded: Encodable {
        var id: String
        var size: Int64
    }

    static func add<Context: RequestContext>(to router: Router<Context>, _ d: APIRoutes.Dependencies, dataDirectory: String, maximumBytes: Int64) {
        router.post("v1/uploads") { request, _ in
            await APIRoutes.handle(request, d) { try await upload(request, dataDirectory: dataDirectory, maximumBytes: maximumBytes) }
        }
    }

    static func upload(_ request: Request, dataDirectory: String, maximumBytes: Int64) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > maximumBytes {
            throw ServiceError(status: 413, code: "too_large", message: "uploads are at most \(maximumBytes) bytes")
        }
        let directory = dataDirectory + "/uploads"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let id = randomID()
        let partial = "\(directory)/\(id).partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw ServiceError(status: 500, code: "internal", message: "cannot write \(partial)")
        }
        var size: Int64 = 0
        var head: [UInt8] = []
        do {
            defer { try? handle.close() }
            for try await buffer in request.body {
                size += Int64(buffer.readableBytes)
                guard size <= maximumBytes else {
                    throw ServiceError(status: 413, code: "too_large", message: "uploads are at most \(maximumBytes) bytes")
                }
                if head.count < 8 { head += buffer.getBytes(at: buffer.readerIndex, length: min(8 - head.count, buffer.readableBytes)) ?? [] }
                try handle.write(contentsOf: Data(buffer: buffer))
            }
        } catch {
            unlink(partial)
            throw error
        }
        guard head == DumpFormat.magic else {
            unlink(partial)
            let pcap = head.count >= 4 && ([0xa1, 0xb2, 0xc3, 0xd4] == Array(head[0..<4]) || [0xd4, 0xc3, 0xb2, 0xa1] == Array(head[0..<4])
                                            || [0x0a, 0x0d, 0x0d, 0x0a] == Array(head[0..<4]))
            throw ServiceError(status: 415, code: "unsupported_media_type", message: pcap
                ? "this is a packet capture: turn it into a dump with `tessera import pcap CAPTURE --sdp …` (it needs the SDP), then upload the dump"
                : "not an RTP dump (.rtpd): the first bytes are not its magic number")
        }
        guard rename(partial, "\(directory)/\(id).rtpd") == 0 else {
            unlink(partial)
            throw ServiceError(status: 500, code: "internal", message: "cannot keep the upload")
        }
        return APIResponses.json(Uploaded(id: id, size: size), status: .created)
    }

    static func randomID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
