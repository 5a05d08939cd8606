import ArgumentParser
import Cluster
import Foundation

/// Several machines on one PostgreSQL: `serve --database postgres://…`.
struct ClusterOptions: ParsableArguments {
    @Option(help: "Keep jobs in PostgreSQL, shared by several tessera nodes: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=disable|prefer|require]. Default: SQLite in the data directory, one node.")
    var database: String?
    @Option(help: "This node's id in the cluster, unique per process (default: the host name and HTTP port).") var nodeId: String?
    @Option(help: "Where the other nodes and clients reach this node (http(s)://HOST:PORT; default: --public-url, else the HTTP address).")
    var advertiseUrl: String?
    @Option(help: "Seconds a lease holds without renewal; a node that cannot renew for that long stops and its jobs go to the others.")
    var leaseSeconds = 10.0

    /// The flags as settings; nil without `--database`.
    func settings(httpPort: Int) throws -> PostgresCluster.Settings? {
        guard let database else {
            if nodeId != nil || advertiseUrl != nil { throw ValidationError("--node-id and --advertise-url need --database postgres://…") }
            return nil
        }
        let address: PostgresAddress
        do { address = try PostgresAddress.parse(database) } catch { throw ValidationError(error.description) }
        let node = nodeId ?? "\(ProcessInfo.processInfo.hostName):\(httpPort)"
        guard (1...64).contains(node.utf8.count), node.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) else {
            throw ValidationError("--node-id: 1 to 64 letters, digits, '-', '_', '.' or ':'")
        }
        if let advertiseUrl {
            guard let url = URLComponents(string: advertiseUrl), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                  url.path.isEmpty || url.path == "/", url.query == nil else {
                throw ValidationError("--advertise-url: http(s)://HOST[:PORT], no path or query")
            }
        }
        guard leaseSeconds >= 2, leaseSeconds <= 300 else { throw ValidationError("--lease-seconds: 2 to 300") }
        var settings = PostgresCluster.Settings(address: address, nodeID: node,
                                                url: advertiseUrl.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "", capacity: 0)
        settings.leaseSeconds = leaseSeconds
        settings.renewEverySeconds = Swift.max(0.5, leaseSeconds / 5)
        return settings
    }
}
