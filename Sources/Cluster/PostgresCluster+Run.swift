import Foundation
import Jobs
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// The loops a node keeps while it runs: the lease (renew, fence, join
/// again, reap the lost), the wake-ups (LISTEN on a connection of its own,
/// listening again after a reconnect and catching up with a pull), and a
/// slow poll under both.
extension PostgresCluster {
    /// Runs until the task is cancelled. `pull` takes work (the job
    /// service's `pullWork`); `load` is the capacity units in use now;
    /// `fenced` hears that the lease lapsed (the node's running work is no
    /// longer its own); `command` carries out a command another node sent
    /// for a job here.
    public func run(pull: @escaping @Sendable () async -> Void, load: @escaping @Sendable () async -> Int,
                    fenced: @escaping @Sendable () async -> Void,
                    command: @escaping @Sendable (JobCommand, String) async -> CommandAnswer) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.keepLease(pull: pull, load: load, fenced: fenced) }
            group.addTask { await self.listen(pull: pull, command: command) }
            group.addTask {
                var rounds = 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(self.settings.pollSeconds))
                    await self.takeCommands(command)
                    await pull()
                    rounds += 1
                    if rounds % 60 == 0 { await self.forgetOldCommands() }
                }
            }
            await group.waitForAll()
        }
    }

    /// Each exchange with the database is bounded by half a lease: over a
    /// link that went silent (no reset, no answer) the loop still sees its
    /// lease lapse and fences the node on time.
    func keepLease(pull: @escaping @Sendable () async -> Void, load: @escaping @Sendable () async -> Int,
                   fenced onFenced: @escaping @Sendable () async -> Void) async {
        let bound = Swift.max(1, settings.leaseSeconds / 2)
        var wasFenced = false
        while !Task.isCancelled && !session.isLeaving {
            switch session.next() {
            case let .wait(until):
                let seconds = Swift.max(0.01, until - session.now)
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            case .join:
                do { try await within(bound) { try await self.register(adopting: false) } } catch {
                    session.failed()
                    logger.warning("cannot join the cluster again", metadata: ["error": .string(ClusterError.describe(error))])
                }
            case .renew:
                do {
                    let current = await load()
                    if try await within(bound, { try await self.renew(load: current) }) {
                        _ = try? await within(bound) { try await self.reap() }
                    } else {
                        logger.error("this node's lease was taken away: it joins again and leaves its jobs to the others", metadata: ["node": .string(nodeID)])
                        session.lost()
                    }
                } catch {
                    session.failed()
                    logger.warning("cannot renew the lease", metadata: ["error": .string(ClusterError.describe(error))])
                }
            }
            if session.isLeaving { return }
            let fenced = session.isFenced
            if fenced != wasFenced {
                if fenced {
                    logger.error("lease lapsed: this node takes no work and writes no job state until it has joined again", metadata: ["node": .string(nodeID)])
                    // Its running work was given up: it comes back under a new epoch, so what it held goes to whoever claims it.
                    session.lost()
                    await onFenced()
                } else {
                    logger.info("lease holds again", metadata: ["node": .string(nodeID), "epoch": .stringConvertible(session.epoch ?? 0)])
                    await pull()
                }
                wasFenced = fenced
            }
        }
    }

    /// LISTEN on a connection of its own. Every notification of a job id
    /// may mean new work, and `command:NODE` means commands for that node;
    /// after a reconnect nothing said meanwhile is heard, so a pull and a
    /// look at the commands catch up.
    func listen(pull: @escaping @Sendable () async -> Void, command: @escaping @Sendable (JobCommand, String) async -> CommandAnswer) async {
        let mine = Self.commandPrefix + settings.nodeID
        var attempt = 0
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(configuration: try listenerConfiguration(), id: 1, logger: logger)
                attempt = 0
                try await connection.listen(on: PostgresSchema.jobsChannel) { notifications in
                    await self.takeCommands(command)  // catch up on what was said before this LISTEN
                    await pull()
                    for try await notification in notifications {
                        if notification.payload == mine {
                            await self.takeCommands(command)
                        } else if !notification.payload.hasPrefix(Self.commandPrefix) {
                            await pull()
                        }
                    }
                }
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                attempt += 1
                if attempt == 1 { logger.warning("lost the notification connection; polling until it is back", metadata: ["error": .string(ClusterError.describe(error))]) }
            }
            try? await Task.sleep(for: .milliseconds(Swift.min(5000, 250 * (1 << Swift.min(attempt, 5)))))
        }
    }

    private func listenerConfiguration() throws -> PostgresConnection.Configuration {
        let address = settings.address
        let tls: PostgresConnection.Configuration.TLS = switch address.tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                             password: address.password, database: address.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = Self.sessionParameters(leaseSeconds: settings.leaseSeconds)
        return configuration
    }
}

/// Runs `work`, giving up on it after `seconds`: the caller goes on (the
/// work itself ends when its connection does).
func within<T: Sendable>(_ seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    let answer = Mutex<CheckedContinuation<T, Error>?>(nil)
    return try await withCheckedThrowingContinuation { continuation in
        answer.withLock { $0 = continuation }
        let finish: @Sendable (Result<T, Error>) -> Void = { result in answer.withLock { $0.take() }?.resume(with: result) }
        Task { finish(await Result(catching: { try await work() })) }
        Task {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            finish(.failure(ClusterError.noAnswer(seconds: seconds)))
        }
    }
}

extension Result where Failure == Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
