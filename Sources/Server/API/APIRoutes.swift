import APIModel
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import NIOCore

/// The REST API under `/v1` (docs/api.md, `/openapi.json`): recordings,
/// renders, and their files. Every handler is a static function with a
/// plain `catch` that turns `ServiceError` into its JSON response.
public enum APIRoutes {
    public struct Dependencies: Sendable {
        public var service: JobService
        public var authorizer: APIAuthorizer
        public var links: DownloadLinkSigner
        /// Lifetime of a signed download link.
        public var linkSeconds: Int64
        public var dataDirectory: String
        public var maximumUploadBytes: Int64
        /// Where the absolute URLs the API returns point.
        var address: PublicAddress

        public init(service: JobService, authorizer: APIAuthorizer, links: DownloadLinkSigner, dataDirectory: String,
                    maximumUploadBytes: Int64 = 2 << 30, linkSeconds: Int64 = 3600, publicURL: String? = nil, serverHost: String = "127.0.0.1") {
            self.address = PublicAddress(configured: publicURL, fallbackHost: serverHost)
            self.dataDirectory = dataDirectory
            self.maximumUploadBytes = maximumUploadBytes
            self.service = service
            self.authorizer = authorizer
            self.links = links
            self.linkSeconds = linkSeconds
        }
    }

    public static func add<Context: RequestContext>(to router: Router<Context>, _ dependencies: Dependencies) {
        let d = dependencies
        let api = protected(router, d)
        api.post("recordings") { request, context in await handle(request, d) { try await createRecording(request, context, d) } }
        api.get("recordings") { request, _ in await handle(request, d) { try await list(.recording, request, d) } }
        api.get("recordings/:id") { request, context in await handle(request, d) { try await show(context, d) } }
        api.post("recordings/:id/stop") { request, context in await handle(request, d) { try await stop(context, d) } }
        api.patch("recordings/:id") { request, context in await handle(request, d) { try await patch(request, context, d) } }
        api.delete("recordings/:id") { request, context in await handle(request, d) { try await delete(.recording, context, d) } }
        api.post("renders") { request, context in await handle(request, d) { try await createRender(request, context, d) } }
        api.get("renders") { request, _ in await handle(request, d) { try await list(.render, request, d) } }
        api.get("renders/:id") { request, context in await handle(request, d) { try await show(context, d) } }
        api.delete("renders/:id") { request, context in await handle(request, d) { try await delete(.render, context, d) } }
        api.get("nodes") { request, _ in await handle(request, d) { APIResponses.json(NodeList(nodes: try await d.service.nodes())) } }
        UploadRoutes.add(to: api, d, dataDirectory: d.dataDirectory, maximumBytes: d.maximumUploadBytes)
        for kind in ["recordings", "renders"] {
            api.post(RouterPath("\(kind)/:id/upload")) { request, context in
                await handle(request, d) { APIResponses.json(try await d.service.retryUploads(id: try id(context)), status: .accepted) }
            }
        }
        for kind in ["recordings", "renders"] {
            api.post(RouterPath("\(kind)/:id/files/:name/link")) { request, context in
                await handle(request, d) { try await link(request, context, d, kind: kind) }
            }
            // Downloads, outside the protected group: the API key, or a signed link's query instead of it.
            router.get(RouterPath("v1/\(kind)/:id/files/:name")) { request, context in
                await download(request, context, d, method: .get)
            }
            router.head(RouterPath("v1/\(kind)/:id/files/:name")) { request, context in
                await download(request, context, d, method: .head)
            }
        }
    }

    /// `GET /v1/nodes`: the machines sharing the store (this one alone without `--database`).
    struct NodeList: Encodable { var nodes: [NodeStatus] }

    /// `/v1/…` behind the API keys (`BearerTokenMiddleware`): a request without one is refused before any route sees it.
    static func protected<Context: RequestContext>(_ router: Router<Context>, _ d: Dependencies) -> RouterGroup<Context> {
        router.group("v1").add(middleware: BearerTokenMiddleware(authorizer: d.authorizer) {
            APIResponses.error(ServiceError(status: 401, code: "unauthorized", message: "a valid API key is required: Authorization: Bearer KEY"))
        })
    }

    /// Runs the handler and maps its refusal to the JSON error body.
    static func handle(_ request: Request, _ d: Dependencies, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            if let refusal = error as? ServiceError { return APIResponses.error(refusal) }
            if let http = error as? HTTPError {
                return APIResponses.error(ServiceError(status: Int(http.status.code), code: ErrorCode.of(http.status),
                                                       message: http.body ?? http.status.reasonPhrase))
            }
            return APIResponses.error(ServiceError(status: 500, code: "internal", message: "\(error)"))
        }
    }

    static func createRecording<Context: RequestContext>(_ request: Request, _ context: Context, _ d: Dependencies) async throws -> Response {
        let body = try await APIResponses.decode(RecordingRequest.self, from: request, context: context)
        let document = try await d.service.createRecording(body)
        var response = APIResponses.json(document, status: .created)
        response.headers[.location] = "/v1/recordings/\(document.id)"
        return response
    }

    static func createRender<Context: RequestContext>(_ request: Request, _ context: Context, _ d: Dependencies) async throws -> Response {
        let body = try await APIResponses.decode(RenderRequest.self, from: request, context: context)
        let document = try await d.service.createRender(body)
        var response = APIResponses.json(document, status: .created)
        response.headers[.location] = "/v1/renders/\(document.id)"
        return response
    }

    static func list(_ kind: JobKind, _ request: Request, _ d: Dependencies) async throws -> Response {
        let query = request.uri.queryParameters
        var state: JobState?
        if let text = query["state"].map(String.init) {
            guard let parsed = JobState(rawValue: text) else {
                throw ServiceError.invalid("state must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            state = parsed
        }
        var limit = 50
        if let text = query["limit"].map(String.init) {
            guard let parsed = Int(text), (1...200).contains(parsed) else { throw ServiceError.invalid("limit must be 1 to 200") }
            limit = parsed
        }
        let room = query["room"].map(String.init)
        let after = query["after"].map(String.init)
        return APIResponses.json(try await d.service.list(kind: kind, state: state, room: room, limit: limit, after: after))
    }

    static func show<Context: RequestContext>(_ context: Context, _ d: Dependencies) async throws -> Response {
        APIResponses.json(try await d.service.document(id: try id(context)))
    }

    static func stop<Context: RequestContext>(_ context: Context, _ d: Dependencies) async throws -> Response {
        APIResponses.json(try await d.service.stopRecording(id: try id(context)))
    }

    static func patch<Context: RequestContext>(_ request: Request, _ context: Context, _ d: Dependencies) async throws -> Response {
        let change = try await APIResponses.decode(RecordingChangeRequest.self, from: request, context: context)
        return APIResponses.json(try await d.service.changeRecording(id: try id(context), change))
    }

    static func delete<Context: RequestContext>(_ kind: JobKind, _ context: Context, _ d: Dependencies) async throws -> Response {
        try await d.service.delete(id: try id(context), kind: kind)
        return Response(status: .noContent)
    }

    struct Link: Encodable {
        var url: String
        var expiresAt: String
    }

    static func link<Context: RequestContext>(_ request: Request, _ context: Context, _ d: Dependencies, kind: String) async throws -> Response {
        let id = try id(context), name = try context.parameters.require("name")
        _ = try await d.service.filePath(id: id, name: name)
        let expires = Int64(Date().timeIntervalSince1970) + d.linkSeconds
        let signature = d.links.signature(job: id, file: name, expires: expires)
        let url = d.address.base(for: request) + "/v1/\(kind)/\(id)/files/\(name)?expires=\(expires)&signature=\(signature)"
        let formatter = ISO8601DateFormatter()
        return APIResponses.json(Link(url: url, expiresAt: formatter.string(from: Date(timeIntervalSince1970: Double(expires)))), status: .created)
    }

    /// A playlist read through a signed link: its segments' names become signed links too (`SignedPlaylist`).
    static func signedPlaylist(at path: String, job: String, expires: Int64, file: JobResult.File, _ d: Dependencies,
                               method: HTTPRequest.Method) throws -> Response {
        guard let data = FileManager.default.contents(atPath: path) else { throw ServiceError.notFound("file \(file.name) is gone") }
        let body = SignedPlaylist.rewrite(String(decoding: data, as: UTF8.self)) { name in
            "\(name)?expires=\(expires)&signature=\(d.links.signature(job: job, file: name, expires: expires))"
        }
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.cacheControl] = "no-cache"
        headers[.contentLength] = String(body.utf8.count)
        if method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func id<Context: RequestContext>(_ context: Context) throws -> String {
        try context.parameters.require("id")
    }

    // MARK: - Downloads

    static func download<Context: RequestContext>(_ request: Request, _ context: Context, _ d: Dependencies, method: HTTPRequest.Method) async -> Response {
        do {
            let id = try id(context), name = try context.parameters.require("name")
            let query = request.uri.queryParameters
            var signedUntil: Int64?
            if let signature = query["signature"].map(String.init) {
                guard let expires = query["expires"].flatMap({ Int64(String($0)) }),
                      d.links.verify(job: id, file: name, expires: expires, signature: signature, now: Int64(Date().timeIntervalSince1970)) else {
                    throw ServiceError(status: 403, code: "forbidden", message: "the download link is expired or not valid")
                }
                signedUntil = expires
            } else if !d.authorizer.allows(authorization: request.headers[.authorization]) {
                throw ServiceError(status: 401, code: "unauthorized", message: "a valid API key or a signed link is required")
            }
            let path: String, file: JobResult.File
            switch try await d.service.fileSource(id: id, name: name) {
            case let .local(localPath, localFile): (path, file) = (localPath, localFile)
            case let .redirect(url, _):
                var headers = HTTPFields()
                headers[.location] = url
                headers[.cacheControl] = "no-store"
                return Response(status: .temporaryRedirect, headers: headers)
            case let .onNode(url, _):
                // The same path and query (a signed link's too: every node shares the link secret).
                var headers = HTTPFields()
                headers[.location] = url + request.uri.description
                headers[.cacheControl] = "no-store"
                return Response(status: .temporaryRedirect, headers: headers)
            case let .proxied(client, bucket, key, size, etag, proxiedFile):
                return try await ProxiedDownload.response(request, client: client, bucket: bucket, key: key, size: size, etag: etag,
                                                          file: proxiedFile, name: "\(id)-\(name)", method: method)
            }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = (attributes[.size] as? Int).map(Int64.init) else {
                throw ServiceError.notFound("file \(name) is gone")
            }
            if let expires = signedUntil, name.hasSuffix(".m3u8"), size <= SignedPlaylist.maximumBytes {
                return try signedPlaylist(at: path, job: id, expires: expires, file: file, d, method: method)
            }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let etag = "\"\(String(size, radix: 16))-\(String(Int64(modified * 1000), radix: 16))\""
            var headers = HTTPFields()
            headers[.eTag] = etag
            headers[.acceptRanges] = "bytes"
            headers[.contentType] = file.contentType
            headers[.contentDisposition] = "attachment; filename=\"\(id)-\(name)\""
            // A live playlist changes with every segment: asked again each time.
            headers[.cacheControl] = name.hasSuffix(".m3u8") ? "no-cache" : "private, max-age=3600"
            if let match = request.headers[.ifNoneMatch], match == "*" || match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
                return Response(status: .notModified, headers: headers)
            }
            // RFC 9110 §13.1.5: If-Range with a stale ETag gets the whole file.
            let rangeHeader = request.headers[.ifRange].map { $0 == etag } ?? true ? request.headers[.range] : nil
            let fileIO = FileIO()
            switch ByteRange(header: rangeHeader, size: size) {
            case .unsatisfiable:
                headers[.contentRange] = "bytes */\(size)"
                headers[.contentType] = "application/json"
                let body = "{\"error\":\"range_not_satisfiable\",\"message\":\"the file has \(size) bytes\"}"
                return Response(status: .rangeNotSatisfiable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
            case let .range(range):
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
                headers[.contentLength] = String(range.count)
                if method == .head { return Response(status: .partialContent, headers: headers) }
                let body = try await fileIO.loadFile(path: path, range: Int(range.lowerBound)...Int(range.upperBound), context: context)
                return Response(status: .partialContent, headers: headers, body: body)
            case .whole:
                headers[.contentLength] = String(size)
                if method == .head || size == 0 { return Response(status: .ok, headers: headers) }
                return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: path, context: context))
            }
        } catch {
            if let refusal = error as? ServiceError { return APIResponses.error(refusal) }
            return APIResponses.error(ServiceError(status: 500, code: "internal", message: "\(error)"))
        }
    }
}
