import Jobs
import PostgresNIO

/// Rooms' home nodes: a room lives on one node at a time (its WHIP
/// publishers, its members' sockets, its recordings), recorded in
/// `room_homes` with the epoch of the node that claimed it. A home whose
/// node is not live at that epoch is free for the next node that asks.
extension PostgresCluster {
    public func home(of room: String, candidate: String) async throws -> RoomHome? {
        // One statement: of nodes asking at once, the first row written wins and the others read it.
        try await client.query("""
            INSERT INTO room_homes (room, node, epoch)
            SELECT \(room), c.id, c.epoch FROM nodes c WHERE c.id = \(candidate) AND c.state = 'live' AND c.lease_expires_at > clock_timestamp()
            ON CONFLICT (room) DO UPDATE SET node = EXCLUDED.node, epoch = EXCLUDED.epoch, since = clock_timestamp()
            WHERE NOT EXISTS (SELECT 1 FROM nodes h WHERE h.id = room_homes.node AND h.epoch = room_homes.epoch AND h.state = 'live')
            """, logger: logger)
        let rows = try await client.query("""
            SELECT h.node, n.url FROM room_homes h JOIN nodes n ON n.id = h.node AND n.epoch = h.epoch AND n.state = 'live'
            WHERE h.room = \(room)
            """, logger: logger)
        return try await rows.decode((String, String).self).first(where: { _ in true }).map { RoomHome(node: $0.0, url: $0.1) }
    }
}
