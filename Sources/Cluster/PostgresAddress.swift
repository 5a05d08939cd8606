import Foundation

/// A PostgreSQL connection URL as `--database` takes it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`
/// (also `postgresql://`). Parts are percent-decoded; anything else is
/// refused with the reason, before a connection is tried.
public struct PostgresAddress: Equatable, Sendable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    public init(user: String, password: String? = nil, host: String, port: Int = 5432, database: String, tls: TLSMode = .prefer) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// The URL without its password, for logs and errors.
    public var description: String { "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    public static func parse(_ text: String) throws(PostgresAddressError) -> PostgresAddress {
        guard text.count <= 2048 else { throw .init("it is longer than 2048 characters") }
        guard let components = URLComponents(string: text) else { throw .init("it is not a URL") }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw .init("it must start with postgres://")
        }
        guard let host = components.host, !host.isEmpty else { throw .init("it names no host") }
        guard let user = components.user, !user.isEmpty else { throw .init("it names no user (postgres://USER@HOST/DB)") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .init("port \(port) is not between 1 and 65535") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard let database = path.removingPercentEncoding, !database.isEmpty, !database.contains("/") else {
            throw .init("it names no database (postgres://USER@HOST/DB)")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw .init("unknown parameter \(item.name) (only sslmode is known)") }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else { throw .init("sslmode must be disable, prefer or require") }
            tls = mode
        }
        return PostgresAddress(user: user.removingPercentEncoding ?? user, password: components.password?.removingPercentEncoding,
                               host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port, database: database, tls: tls)
    }
}

public struct PostgresAddressError: Error, Equatable, CustomStringConvertible {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "--database is not a usable PostgreSQL URL: \(reason)" }
}
