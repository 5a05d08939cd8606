import Testing
@testable import Cluster

/// `--database` URLs: what is taken, and each refusal's reason.
@Suite struct PostgresAddressTests {
    @Test(arguments: [
        ("postgres://tessera@127.0.0.1:5433/jobs", PostgresAddress(user: "tessera", host: "127.0.0.1", port: 5433, database: "jobs")),
        ("postgresql://a%40b:p%3Ass@db.example/x?sslmode=require",
         PostgresAddress(user: "a@b", password: "p:ss", host: "db.example", database: "x", tls: .require)),
        ("postgres://u@[::1]:6000/d?sslmode=disable", PostgresAddress(user: "u", host: "::1", port: 6000, database: "d", tls: .disable)),
    ])
    func accepted(text: String, expected: PostgresAddress) throws {
        #expect(try PostgresAddress.parse(text) == expected)
        #expect(!expected.description.contains("p:ss"), "the password never reaches a log line")
    }

    @Test(arguments: [
        ("mysql://u@h/d", "it must start with postgres://"),
        ("postgres://h/d", "it names no user (postgres://USER@HOST/DB)"),
        ("postgres://u@h", "it names no database (postgres://USER@HOST/DB)"),
        ("postgres://u@h:0/d", "port 0 is not between 1 and 65535"),
        ("postgres://u@h/d?sslmode=maybe", "sslmode must be disable, prefer or require"),
        ("postgres://u@h/d?timeout=3", "unknown parameter timeout (only sslmode is known)"),
        ("postgres://u@/d", "it names no host"),
    ])
    func refused(text: String, reason: String) {
        #expect(throws: PostgresAddressError(reason)) { try PostgresAddress.parse(text) }
    }
}
