import Synchronization

/// Work that outlives the call that started it (renders, webhook
/// deliveries). Each task removes itself when done, so only what runs is
/// held; shutdown cancels what is left.
final class BackgroundTasks: Sendable {
    private struct State {
        var tasks: [Int: Task<Void, Never>] = [:]
        var next = 0
    }

    private let state = Mutex(State())

    func run(_ work: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            let number = state.next
            state.next += 1
            state.tasks[number] = Task { [weak self] in
                await work()
                self?.ended(number)
            }
        }
    }

    var count: Int { state.withLock { $0.tasks.count } }

    func cancelAll() {
        for task in state.withLock({ Array($0.tasks.values) }) { task.cancel() }
    }

    private func ended(_ number: Int) { _ = state.withLock { $0.tasks.removeValue(forKey: number) } }
}
