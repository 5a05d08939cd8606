import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// HTTP for the S3 client, on async-http-client (SwiftNIO): bodies go out
/// as one buffer each (a part at most) in large writes, answers stream to a
/// file or are collected up to `maximumBodyBytes`. Redirects are never
/// followed (a signed request is signed for its own URL), connections are
/// pooled, and `deadline` bounds each whole exchange.
struct S3Transport: Sendable {
    /// One pool of connections for the process; kept for its life, so it never needs shutting down.
    /// A connection that cannot be made fails its request at once: the uploader's own retries (with backoff, told on the job) take over.
    static let client: HTTPClient = {
        var pool = HTTPClient.Configuration.ConnectionPool()
        pool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)), connectionPool: pool, decompression: .disabled))
    }()

    let maximumBodyBytes: Int

    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    /// Sends the request; a 2xx body goes to `file` when one is given.
    func send(method: String, url: String, headers: [(name: String, value: String)], body: Data?, bodyTo file: String?,
              timeoutSeconds: Double) async throws(S3Error) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        if let body {
            request.body = .bytes(ByteBuffer(data: body))
        } else if method == "PUT" || method == "POST" {
            request.headers.replaceOrAdd(name: "content-length", value: "0")
        }
        do {
            let response = try await Self.client.execute(request, deadline: .now() + .milliseconds(Int64(timeoutSeconds * 1000)))
            var fields: [String: String] = [:]
            for field in response.headers { fields[field.name] = field.value }
            let status = Int(response.status.code)
            if let file, (200..<300).contains(status) {
                guard let handle = FileHandle(forWritingAtPath: file) else { throw S3Error.localFile("cannot write \(file)") }
                defer { try? handle.close() }
                for try await chunk in response.body {
                    do { try handle.write(contentsOf: chunk.readableBytesView) } catch { throw S3Error.localFile("writing \(file) failed: \(error.localizedDescription)") }
                }
                return Answer(status: status, headers: fields, body: [])
            }
            let collected = try await response.body.collect(upTo: maximumBodyBytes)
            return Answer(status: status, headers: fields, body: Array(collected.readableBytesView))
        } catch let error as S3Error {
            throw error
        } catch let error as NIOTooManyBytesError {
            throw .invalidAnswer("the answer is larger than \(maximumBodyBytes) bytes: \(error)")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .unreachable("no complete answer in time (\(error))")
        } catch {
            throw .unreachable("\(error)")
        }
    }
}
