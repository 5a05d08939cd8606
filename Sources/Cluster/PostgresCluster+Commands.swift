import Foundation
import Jobs
import PostgresNIO

/// Commands for jobs that run on another node: a row in `job_commands`
/// addressed to the owner and a NOTIFY on the jobs channel saying
/// `command:NODE`. The owner takes its rows exactly once (SKIP LOCKED),
/// carries each out and writes the answer into the row; the sender polls
/// the row until the answer is there, the owner is lost, or the bound passes.
extension PostgresCluster {
    static let commandPrefix = "command:"

    public func send(_ command: JobCommand, job: String, to node: String) async throws -> CommandAnswer? {
        let text = String(decoding: try JSONEncoder().encode(command), as: UTF8.self)
        let id: Int64 = try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query("""
                INSERT INTO job_commands (job_id, node, command, sent_by) VALUES (\(job), \(node), \(text), \(settings.nodeID)) RETURNING id
                """, logger: logger)
            guard let id = try await rows.decode(Int64.self).first(where: { _ in true }) else { throw ClusterError.noCommandRow }
            try await connection.query("SELECT pg_notify(\(PostgresSchema.jobsChannel), \(Self.commandPrefix + node))", logger: logger)
            return id
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(command.answerWithinSeconds * 1000))
        var pause = 20
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(pause))
            pause = Swift.min(250, pause * 2)
            let rows = try await client.query("""
                SELECT c.answer, COALESCE(n.state, 'lost') FROM job_commands c LEFT JOIN nodes n ON n.id = c.node WHERE c.id = \(id)
                """, logger: logger)
            guard let (answer, state) = try await rows.decode((String?, String).self).first(where: { _ in true }) else { return nil }
            if let answer { return try JSONDecoder().decode(CommandAnswer.self, from: Data(answer.utf8)) }
            if state != NodeStatus.State.live.rawValue {
                return CommandAnswer(status: 503, code: "owner_lost",
                                     message: "node \(node), which ran job \(job), lost its lease: another node is taking the job over; ask again shortly")
            }
        }
        return nil
    }

    /// Takes the commands addressed to this node that nobody took yet and
    /// carries each out in a task of its own (a stop may take as long as
    /// the file's last second), writing the answer when it is done.
    func takeCommands(_ carryOut: @escaping @Sendable (JobCommand, String) async -> CommandAnswer) async {
        guard session.writableEpoch != nil else { return }
        let taken: [(Int64, String, String)]
        do {
            var rows: [(Int64, String, String)] = []
            for try await row in try await client.query("""
                UPDATE job_commands SET taken_at = clock_timestamp()
                WHERE id IN (SELECT id FROM job_commands WHERE node = \(settings.nodeID) AND taken_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED)
                RETURNING id, job_id, command
                """, logger: logger).decode((Int64, String, String).self) { rows.append(row) }
            taken = rows
        } catch {
            logger.warning("cannot read the commands sent to this node", metadata: ["error": .string(ClusterError.describe(error))])
            return
        }
        for (id, job, text) in taken {
            Task {
                let answer: CommandAnswer
                if let command = try? JSONDecoder().decode(JobCommand.self, from: Data(text.utf8)) {
                    logger.info("carrying out a command sent by another node", metadata: ["job": .string(job), "command": .string(text)])
                    answer = await carryOut(command, job)
                } else {
                    answer = CommandAnswer(status: 400, code: "invalid_request", message: "node \(settings.nodeID) does not know the command \(text)")
                }
                let written = String(decoding: (try? JSONEncoder().encode(answer)) ?? Data(), as: UTF8.self)
                do {
                    try await client.query("UPDATE job_commands SET answer = \(written), answered_at = clock_timestamp() WHERE id = \(id)", logger: logger)
                } catch {
                    logger.warning("cannot store a command's answer", metadata: ["job": .string(job), "error": .string(ClusterError.describe(error))])
                }
            }
        }
    }

    /// Commands answered (or never answered) an hour ago are of no use to anyone.
    func forgetOldCommands() async {
        _ = try? await client.query("DELETE FROM job_commands WHERE created_at < clock_timestamp() - interval '1 hour'", logger: logger)
    }
}
