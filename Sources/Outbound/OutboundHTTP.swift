import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Every request tessera makes to a server someone else named (WHEP, Janus,
/// webhooks) goes through here, because that server may be hostile:
///
/// - redirects are never followed: a 3xx comes back as it is, so a token
///   never travels to a host no one checked (RFC 9110 §15.4 leaves
///   following to the client);
/// - the body read is capped: past `maximumBodyBytes` the transfer is
///   cancelled and the request fails;
/// - `timeoutSeconds` bounds the whole exchange, connect included.
public final class OutboundHTTP: Sendable {

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data

        /// A header by name, case-insensitively (RFC 9110 §5.1).
        public func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case tooLarge(Int)
        case timedOut
        case unreachable(String)

        public var description: String {
            switch self {
            case let .tooLarge(limit): "the answer is larger than \(limit) bytes"
            case .timedOut: "no complete answer in time"
            case let .unreachable(reason): reason
            }
        }
    }

    public let maximumBodyBytes: Int
    private let session: URLSession
    private let transfers: Transfers

    /// One client for the whole process; its connections are pooled.
    public static let shared = OutboundHTTP()

    public init(maximumBodyBytes: Int = 1 << 20) {
        self.maximumBodyBytes = maximumBodyBytes
        transfers = Transfers(maximumBodyBytes: maximumBodyBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
    }

    /// The start of an error body, fit for a job's error message and a log
    /// line: at most 300 bytes, control characters dropped.
    public static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespaces)
    }

    /// Sends `request`; its `timeoutInterval` bounds the whole exchange.
    public func send(_ request: URLRequest) async throws(Failure) -> Response {
        let timeout = request.timeoutInterval
        let transfers = self.transfers
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request)
                transfers.begin(task.taskIdentifier, continuation)
                task.resume()
                // URLSession's timeout is per idle interval: this one ends the whole exchange.
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak task] in
                    guard let task, transfers.fail(task.taskIdentifier, .timedOut) else { return }
                    task.cancel()
                }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            if (error as? URLError)?.code == .timedOut { throw .timedOut }
            throw .unreachable(error.localizedDescription)
        }
    }
}

/// The session delegate: each transfer's answer and body so far, by task.
/// `@unchecked Sendable`: its state is only touched under `lock`.
private final class Transfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<OutboundHTTP.Response, Error>
        var response: HTTPURLResponse?
        var body = Data()
        var failure: OutboundHTTP.Failure?
    }

    let maximumBodyBytes: Int
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    init(maximumBodyBytes: Int) { self.maximumBodyBytes = maximumBodyBytes }

    func begin(_ id: Int, _ continuation: CheckedContinuation<OutboundHTTP.Response, Error>) {
        lock.withLock { pending[id] = Pending(continuation: continuation) }
    }

    /// Marks a transfer failed; false if it had already finished.
    func fail(_ id: Int, _ failure: OutboundHTTP.Failure) -> Bool {
        lock.withLock {
            guard pending[id] != nil else { return false }
            pending[id]?.failure = failure
            return true
        }
    }

    // MARK: - URLSessionDataDelegate

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)  // the 3xx itself is the answer
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                           completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.withLock { pending[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow = lock.withLock { () -> Bool in
            guard var entry = pending[dataTask.taskIdentifier] else { return false }
            guard entry.body.count + data.count <= maximumBodyBytes else {
                entry.failure = .tooLarge(maximumBodyBytes)
                pending[dataTask.taskIdentifier] = entry
                return true
            }
            entry.body.append(data)
            pending[dataTask.taskIdentifier] = entry
            return false
        }
        if overflow { dataTask.cancel() }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let failure = entry.failure {
            entry.continuation.resume(throwing: failure)
        } else if let error {
            entry.continuation.resume(throwing: error)
        } else if let response = entry.response ?? (task.response as? HTTPURLResponse) {
            var headers: [String: String] = [:]
            for (key, value) in response.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key] = value }
            }
            entry.continuation.resume(returning: OutboundHTTP.Response(status: response.statusCode, headers: headers, body: entry.body))
        } else {
            entry.continuation.resume(throwing: OutboundHTTP.Failure.unreachable("not an HTTP answer"))
        }
    }
}
