import APIModel
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import Telemetry

/// `POST /v1/uploads`: media recorded elsewhere, streamed to disk under
/// `DATA-DIR/uploads/` and size-limited, then handed to `UploadIntake`
/// (which keeps or imports it by its first bytes), to render with
/// `POST /v1/renders {"uploadId": ID}`. `?sdp=NAME:ID` names a capture's
/// participants' uploaded SDPs; `?name=` a single .mjr file's name.
enum UploadRoutes {
    static func add<Context: RequestContext>(to api: RouterGroup<Context>, _ d: APIRoutes.Dependencies, dataDirectory: String, maximumBytes: Int64) {
        api.post("uploads") { request, _ in
            await APIRoutes.handle(request, d) { try await upload(request, service: d.service, dataDirectory: dataDirectory, maximumBytes: maximumBytes) }
        }
    }

    static func upload(_ request: Request, service: JobService, dataDirectory: String, maximumBytes: Int64) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > maximumBytes {
            Limit.bodySize.count()
            throw ServiceError(status: 413, code: "too_large", message: "uploads are at most \(maximumBytes) bytes")
        }
        let directory = dataDirectory + "/uploads"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let id = JobIDs.make()
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
                    Limit.bodySize.count()
                    throw ServiceError(status: 413, code: "too_large", message: "uploads are at most \(maximumBytes) bytes")
                }
                if head.count < 512 { head += buffer.getBytes(at: buffer.readerIndex, length: min(512 - head.count, buffer.readableBytes)) ?? [] }
                try handle.write(contentsOf: Data(buffer: buffer))
            }
        } catch {
            unlink(partial)
            throw error
        }
        defer { unlink(partial) }
        let arrival = UploadIntake.Arrival(
            id: id, partialPath: partial, size: size, head: head,
            declaredSDP: request.headers[.contentType]?.lowercased().hasPrefix("application/sdp") == true,
            descriptions: request.uri.queryParameters[values: "sdp"].map(String.init), janusName: request.uri.queryParameters["name"].map(String.init))
        let uploaded = try await UploadIntake(service: service, directory: directory).take(arrival)
        return APIResponses.json(uploaded, status: .created)
    }
}
