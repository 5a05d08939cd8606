import APIModel
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import NIOCore
import ObjectStorage

/// A stored file streamed through this server (`--storage-proxy`): the
/// same Range, If-Range and ETag handling as a local file (RFC 9110 §14,
/// §13.1), read from the bucket in pieces of `chunkBytes` as the client
/// takes them, so memory stays bounded whatever the file's size.
enum ProxiedDownload {
    static let chunkBytes: Int64 = 4 << 20

    static func response(_ request: Request, client: S3Client, bucket: String, key: String, size: Int64, etag: String,
                         file: JobResult.File, name: String, method: HTTPRequest.Method) async throws -> Response {
        let quoted = "\"\(etag)\""
        var headers = HTTPFields()
        headers[.eTag] = quoted
        headers[.acceptRanges] = "bytes"
        headers[.contentType] = file.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        headers[.cacheControl] = "private, max-age=3600"
        if let match = request.headers[.ifNoneMatch], match == "*" || match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == quoted }) {
            return Response(status: .notModified, headers: headers)
        }
        let rangeHeader = request.headers[.ifRange].map { $0 == quoted } ?? true ? request.headers[.range] : nil
        let span: ClosedRange<Int64>?
        let status: HTTPResponse.Status
        switch ByteRange(header: rangeHeader, size: size) {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentType] = "application/json"
            let body = "{\"error\":\"range_not_satisfiable\",\"message\":\"the file has \(size) bytes\"}"
            return Response(status: .rangeNotSatisfiable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        case let .range(range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            span = range.lowerBound...range.upperBound
            status = .partialContent
        case .whole:
            headers[.contentLength] = String(size)
            span = size > 0 ? 0...(size - 1) : nil
            status = .ok
        }
        guard method != .head, let span else { return Response(status: status, headers: headers) }
        // The first piece is fetched before answering, so a storage failure is a clean 502 rather than a cut-off body.
        let firstEnd = min(span.upperBound, span.lowerBound + chunkBytes - 1)
        let first: [UInt8]
        do { first = try await client.getRange(bucket: bucket, key: key, range: span.lowerBound...firstEnd).body } catch {
            throw ServiceError(status: 502, code: "storage_unavailable", message: "the stored file cannot be read: \(error)")
        }
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: first))
            var offset = firstEnd + 1
            while offset <= span.upperBound {
                let end = min(span.upperBound, offset + chunkBytes - 1)
                let piece = try await client.getRange(bucket: bucket, key: key, range: offset...end).body
                try await writer.write(ByteBuffer(bytes: piece))
                offset = end + 1
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }
}
