import Jobs
import PostgresNIO

/// Rooms' home nodes: a room lives on one node at a time (its WHIP
/// publishers, its members' sockets, its recordings), recorded in
/// `room_homes` with the epoch of the node that claimed it. A home whose
/// node is not live at that epoch is free for the next node that asks.
extension PostgresCluster {
    public func home(of room: String, candidate: String) async throws -> RoomHome? {
        // One statement: of nodes asking at once, the first row written wins and the others read it.
        // A room with a recording running goes where that recording runs (a node that took it over),
        // and has no new home while its recording waits for a node to take it over.
        try await client.query("""
            WITH recorder AS (
                SELECT j.owner FROM jobs j WHERE j.room = \(room) AND j.kind = 'recording' AND j.state IN ('starting', 'active')
                ORDER BY j.sequence DESC LIMIT 1)
            INSERT INTO room_homes (room, node, epoch)
            SELECT \(room), c.id, c.epoch FROM nodes c
            WHERE c.state = 'live' AND c.lease_expires_at > clock_timestamp()
              AND c.id = CASE WHEN EXISTS (SELECT 1 FROM recorder) THEN (SELECT owner FROM recorder) ELSE \(candidate) END
            ON CONFLICT (room) DO UPDATE SET node = EXCLUDED.node, epoch = EXCLUDED.epoch, since = clock_timestamp()
            WHERE NOT EXISTS (SELECT 1 FROM nodes h WHERE h.id = room_homes.node AND h.epoch = room_homes.epoch AND h.state = 'live')
            """, logger: logger)
        let rows = try await client.query("""
            SELECT h.node, n.url FROM room_homes h JOIN nodes n ON n.id = h.node AND n.epoch = h.epoch AND n.state = 'live'
            WHERE h.room = \(room)
            """, logger: logger)
        if let home = try await rows.decode((String, String).self).first(where: { _ in true }) { return RoomHome(node: home.0, url: home.1) }
        let waiting = try await client.query("""
            SELECT count(*)::BIGINT FROM jobs j WHERE j.room = \(room) AND j.kind = 'recording' AND j.state IN ('starting', 'active')
            """, logger: logger)
        if let count = try await waiting.decode(Int64.self).first(where: { _ in true }), count > 0 { throw RoomHomeMoving(room: room) }
        return nil
    }
}
