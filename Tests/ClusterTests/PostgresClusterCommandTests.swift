import Foundation
import Jobs
import Synchronization
import Testing
@testable import Cluster

/// Commands for a job on another node, through a real PostgreSQL: the
/// owner hears of them by NOTIFY, carries each out once, and the sender
/// gets the owner's answer — done, a refusal, or word that the owner is lost.
@Suite struct PostgresClusterCommandTests {
    @Test func theOwnerCarriesOutACommandOnceAndItsAnswerComesBack() async throws {
        let cluster = try TestCluster()
        let sender = try await cluster.node("a"), owner = try await cluster.node("b")
        let heard = Mutex<[String]>([])
        let loop = Task {
            await owner.run(pull: {}, load: { 0 }, fenced: {}) { command, job in
                heard.withLock { $0.append("\(job) \(command)") }
                if case .layout("missing") = command { return CommandAnswer(refusal: .invalid("no layout missing")) }
                return .done
            }
        }
        defer { loop.cancel(); owner.close(); sender.close() }

        #expect(try await sender.send(.stop, job: "rec1", to: "b") == .done)
        let refused = try await sender.send(.layout("missing"), job: "rec1", to: "b")
        #expect(refused?.refusal == .invalid("no layout missing"), "the owner's refusal reaches the sender as it was: \(String(describing: refused))")
        // Several senders at once: each command is carried out exactly once.
        try await withThrowingTaskGroup(of: CommandAnswer?.self) { group in
            for index in 0..<8 { group.addTask { try await sender.send(.layout("grid-\(index)"), job: "rec2", to: "b") } }
            for try await answer in group { #expect(answer == .done) }
        }
        let seen = heard.withLock { $0 }
        #expect(seen.count == 10 && Set(seen).count == 10, "\(seen)")
        #expect(seen.prefix(2) == ["rec1 stop", "rec1 layout(\"missing\")"])
        #expect(try cluster.sql("SELECT count(*) FROM job_commands WHERE answer IS NULL") == "0")
    }

    @Test func aCommandForALostNodeSaysSoInsteadOfWaiting() async throws {
        let cluster = try TestCluster()
        let sender = try await cluster.node("a"), owner = try await cluster.node("b")
        defer { owner.close(); sender.close() }
        // b stops renewing (killed); a reaps it.
        _ = try cluster.sql("UPDATE nodes SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE id = 'b'")
        _ = try await sender.reap()
        let answer = try await sender.send(.stop, job: "rec", to: "b")
        #expect(answer?.status == 503 && answer?.code == "owner_lost", "\(String(describing: answer))")
        #expect(answer?.message?.contains("node b") == true)
    }
}
