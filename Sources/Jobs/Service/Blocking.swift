import Foundation

/// Runs blocking work (an encoder's tail, a batch render, an fsync) on a
/// thread of its own, so neither the actor nor the event loops wait on it.
func onThread<T: Sendable>(_ name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
        thread.name = name
        thread.start()
    }
}
