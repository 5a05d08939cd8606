import ArgumentParser
import Cluster
import Foundation
import Jobs
import Logging

/// `tessera benchmark cluster`: the shared queue on a real PostgreSQL.
/// Claim throughput with no-op jobs (and duplicates: there must be none),
/// and queued → claimed latency through NOTIFY with the nodes idle, all with
/// in-process nodes on the database `--database` names (its tables are
/// emptied first: give a database of its own).
struct BenchmarkCluster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cluster",
                                                    abstract: "Jobs claimed per second, duplicates, and queued → started latency through NOTIFY.")

    @Option(help: "postgres://USER@HOST:PORT/DB (its jobs are deleted).") var database: String
    @Option(help: "No-op jobs for the throughput run.") var jobs = 10_000
    @Option(help: "Nodes claiming at once.") var nodes = 3
    @Option(help: "Jobs for the latency run, one at a time.") var latencyJobs = 200
    @Flag(help: "Print one JSON line.") var json = false

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let address: PostgresAddress
        do { address = try PostgresAddress.parse(database) } catch { throw ValidationError(error.description) }
        var members: [PostgresCluster] = []
        for index in 0..<nodes {
            var settings = PostgresCluster.Settings(address: address, nodeID: "bench-\(index)", url: "http://bench-\(index)", capacity: 1000)
            settings.leaseSeconds = 60
            members.append(try await PostgresCluster.join(settings, logger: logger))
        }
        defer { for member in members { member.close() } }
        try await members[0].deleteAllJobs()

        // Throughput: every node claims one job at a time (as the service does) until none is left.
        let inserting = Date()
        try await members[0].insertQueued(count: jobs, prefix: "t")
        let insertSeconds = Date().timeIntervalSince(inserting)
        let started = Date()
        let claimed = await withTaskGroup(of: [String].self) { group in
            for member in members {
                group.addTask {
                    var mine: [String] = []
                    while let batch = try? await member.claim(limit: 1), let job = batch.first { mine.append(job.id) }
                    return mine
                }
            }
            return await group.reduce(into: [String]()) { $0.append(contentsOf: $1) }
        }
        let claimSeconds = Date().timeIntervalSince(started)
        let duplicates = claimed.count - Set(claimed).count

        // Latency: one node listens; a job inserted by another is claimed when the notification arrives.
        let listener = members[members.count - 1], producer = members[0]
        let claims = ClaimTimes()
        let loop = Task { await listener.run(pull: { await claims.claim(listener) }, load: { 0 }, fenced: {}, command: { _, _ in .done }) }
        try await Task.sleep(for: .seconds(1))  // the LISTEN is in place
        var latencies: [Double] = []
        for index in 0..<latencyJobs {
            let id = "l\(index)"
            let sent = Date()
            try await producer.store.insert(Job(id: id, kind: .render, createdAt: Int64(index)))
            let seen = await claims.wait(for: id, timeout: 5)
            latencies.append(seen.map { $0.timeIntervalSince(sent) * 1000 } ?? 5000)
        }
        loop.cancel()
        // The no-op jobs are no one's work: gone, and the nodes gone too, so whatever runs on the database next finds neither.
        try await members[0].deleteAllJobs()
        for member in members { await member.leave() }
        latencies.sort()
        let median = latencies[latencies.count / 2], p99 = latencies[Swift.min(latencies.count - 1, latencies.count * 99 / 100)]
        let rate = Double(claimed.count) / claimSeconds
        if json {
            print(#"{"jobs":\#(jobs),"nodes":\#(nodes),"claimed":\#(claimed.count),"duplicates":\#(duplicates),"claimsPerSecond":\#(Int(rate)),"insertSeconds":\#(insertSeconds),"latencyMedianMs":\#(median),"latencyP99Ms":\#(p99)}"#)
        } else {
            print("claimed \(claimed.count) of \(jobs) no-op jobs with \(nodes) nodes in \(String(format: "%.2f", claimSeconds)) s: \(Int(rate)) claims/s, \(duplicates) duplicates")
            print("queued → claimed through NOTIFY (\(latencyJobs) jobs): median \(String(format: "%.2f", median)) ms, p99 \(String(format: "%.2f", p99)) ms")
        }
    }

    /// When each job was claimed by the listening node.
    actor ClaimTimes {
        private var seen: [String: Date] = [:]

        func claim(_ node: PostgresCluster) async {
            while let batch = try? await node.claim(limit: 10), !batch.isEmpty {
                for job in batch { seen[job.id] = Date() }
            }
        }

        func wait(for id: String, timeout: Double) async -> Date? {
            let deadline = Date().addingTimeInterval(timeout)
            while seen[id] == nil && Date() < deadline { try? await Task.sleep(for: .microseconds(200)) }
            return seen[id]
        }
    }
}
