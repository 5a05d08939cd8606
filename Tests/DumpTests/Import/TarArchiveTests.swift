import Foundation
import Testing
@testable import Dump

/// Tar archives made by the system's tar (GNU tar), and damaged copies.
@Suite struct TarArchiveTests {
    static func makeArchive(_ files: [String: [UInt8]], options: [String] = []) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        let archive = directory.path + ".tar"
        defer { unlink(archive) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = ["-cf", archive] + options + ["-C", directory.path] + files.keys.sorted()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(try Data(contentsOf: URL(fileURLWithPath: archive)))
    }

    @Test(arguments: [[], ["--format=ustar"], ["--format=v7"], ["--format=pax"]])
    func readsWhatTarWrites(options: [String]) throws {
        let long = String(repeating: "n", count: 90) + "-video.mjr"
        var files: [String: [UInt8]] = ["a-audio.mjr": Array("MJR00002".utf8), "sub/b.txt": [], "c-video.mjr": [UInt8](repeating: 7, count: 1500)]
        if options != ["--format=v7"] { files[long] = [1, 2, 3] }  // v7 names are at most 99 bytes
        let archive = TarArchive.self
        let entries = try archive.init(bytes: try Self.makeArchive(files, options: options)).entries
        #expect(Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.bytes) }) == files)
        if options != ["--format=v7"] { #expect(TarArchive.looksLikeTar(try Self.makeArchive(files, options: options))) }
    }

    struct Damage: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (inout [UInt8]) -> Void
        var message: String
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "checksum", change: { $0[0] ^= 0x20 }, message: "bad header checksum at byte 0"),
        Damage(name: "cut inside the contents", change: { $0 = Array($0[..<700]) }, message: "the archive ends first"),
        Damage(name: "cut inside a header", change: { $0 += [UInt8](repeating: 0x41, count: 100) }, message: "ends inside a header"),
    ]

    @Test(arguments: damages)
    func damageIsRefusedWithAReason(_ damage: Damage) throws {
        var bytes = try Self.makeArchive(["a.mjr": [UInt8](repeating: 1, count: 1000)])
        bytes = Array(bytes.prefix(1536))  // header + contents, no end blocks
        damage.change(&bytes)
        #expect {
            _ = try TarArchive(bytes: bytes)
        } throws: { error in
            "\(error)".contains(damage.message)
        }
    }
}
