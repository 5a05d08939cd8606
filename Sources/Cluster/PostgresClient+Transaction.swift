import Logging
import PostgresNIO

extension PostgresClient {
    /// `withTransaction`, throwing the closure's own error (an unknown job,
    /// an illegal transition) rather than the wrapper postgres-nio puts
    /// around it, so callers see the same errors as from any other store.
    func transaction<Result: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
        }
    }
}
