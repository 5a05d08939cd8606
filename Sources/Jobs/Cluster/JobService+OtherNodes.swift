import APIModel
import Foundation

/// Jobs that another node runs or ran: a request may reach any node. A
/// command is handed to the owner through the store and answered with the
/// owner's result; a file only the owner's disk holds is fetched from it.
extension JobService {
    /// Carries out a command another node sent for a job this node runs,
    /// with the answer the API would have given here.
    public func answer(_ command: JobCommand, job id: String) async -> CommandAnswer {
        do {
            switch command {
            case .stop: _ = try await stopRecording(id: id)
            case let .layout(name): _ = try await changeLayout(id: id, layout: name)
            case let .streams(add, remove): _ = try await changeStreams(id: id, add: add, remove: remove)
            }
            return .done
        } catch {
            return CommandAnswer(refusal: error)
        }
    }

    /// When `job` belongs to another node: sends it `command`, waits for its
    /// answer and returns the job as the store has it afterwards. Nil when
    /// this node is the one to act (one machine, or the job is here or nobody's).
    func forwardIfElsewhere(_ command: JobCommand, job: Job) async throws(ServiceError) -> JobDocument? {
        guard let cluster = configuration.cluster, let owner = job.owner, owner != cluster.nodeID, !job.state.isFinal else { return nil }
        logger.info("handing a command to the node that runs the job", metadata: ["job": .string(job.id), "node": .string(owner)])
        let answer: CommandAnswer?
        do { answer = try await cluster.send(command, job: job.id, to: owner) } catch { throw JobLedger.internalError(error) }
        guard let answer else {
            throw ServiceError(status: 504, code: "owner_silent",
                               message: "node \(owner), which runs job \(job.id), did not answer within \(Int(command.answerWithinSeconds)) s")
        }
        if let refusal = answer.refusal { throw refusal }
        return try await document(id: job.id)
    }

    /// The address of the node whose disk holds the job's file, when it is
    /// not this one's and the file is not here: the download goes there.
    func ownerHolding(_ job: Job, localPath: String) async -> String? {
        guard let cluster = configuration.cluster, let owner = job.owner, owner != cluster.nodeID,
              !FileManager.default.fileExists(atPath: localPath) else { return nil }
        guard let node = try? await cluster.nodes().first(where: { $0.id == owner }), node.state == .live, !node.url.isEmpty else { return nil }
        return node.url
    }

    /// In a cluster, where `room` is served: here, at another node's address,
    /// or nowhere for now (its recording is being taken over). A room with no
    /// live home gets this node as its home. Here on one machine, and when the
    /// store cannot be asked (the room is then served here rather than not at all).
    public func whereabouts(of room: String) async -> RoomWhereabouts {
        guard let cluster = configuration.cluster else { return .here }
        do {
            guard let home = try await cluster.home(of: room, candidate: cluster.nodeID), home.node != cluster.nodeID else { return .here }
            return .elsewhere(home.url)
        } catch is RoomHomeMoving {
            return .moving
        } catch {
            logger.warning("cannot read the room's home node: serving it here", metadata: ["room": .string(room), "error": .string("\(error)")])
            return .here
        }
    }

    /// The addresses of the live nodes (this one's included), for a member
    /// to reconnect through when the node its room lived on is gone.
    public func liveNodeAddresses() async -> [String] {
        guard let cluster = configuration.cluster, let nodes = try? await cluster.nodes() else { return [] }
        return nodes.filter { $0.state == .live && !$0.url.isEmpty }.map(\.url).sorted()
    }
}
