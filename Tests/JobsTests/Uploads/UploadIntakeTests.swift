import APIModel
import Foundation
import Testing
@testable import Jobs

/// What an upload becomes by its first bytes, and what is refused before any parsing.
@Suite struct UploadIntakeTests {
    static func arrival(_ bytes: [UInt8], in directory: String, sdp: Bool = false, size: Int64? = nil) throws -> UploadIntake.Arrival {
        let id = JobIDs.make()
        let partial = "\(directory)/\(id).partial"
        try Data(bytes).write(to: URL(fileURLWithPath: partial))
        return UploadIntake.Arrival(id: id, partialPath: partial, size: size ?? Int64(bytes.count), head: Array(bytes.prefix(512)), declaredSDP: sdp,
                                    descriptions: [], janusName: nil)
    }

    @Test func uploadsAreKeptImportedOrRefusedByTheirFirstBytes() async throws {
        let (service, directory) = try TestService.make()
        let intake = UploadIntake(service: service, directory: directory)
        // An RTP dump is kept as it is.
        let dump = try Self.arrival([0x74, 0x73, 0x72, 0x64, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], in: directory)
        let kept = try await intake.take(dump)
        #expect(kept.kind == "rtpd" && FileManager.default.fileExists(atPath: "\(directory)/\(dump.id).rtpd"))
        // Anything else unknown is 415.
        await #expect { _ = try await intake.take(try Self.arrival(Array("hello".utf8), in: directory)) } throws: { ($0 as? ServiceError)?.status == 415 }
        // A declared SDP must parse.
        await #expect { _ = try await intake.take(try Self.arrival(Array("not sdp".utf8), in: directory, sdp: true)) } throws: { ($0 as? ServiceError)?.status == 400 }
        // A capture past the import size is refused before it is read.
        let huge = try Self.arrival([0xa1, 0xb2, 0xc3, 0xd4], in: directory, size: UploadIntake.maximumImportBytes + 1)
        await #expect { _ = try await intake.take(huge) } throws: { ($0 as? ServiceError)?.status == 413 }
        // A capture without its participants' SDPs says what it needs, and gives its capacity back.
        await #expect { _ = try await intake.take(try Self.arrival([0xa1, 0xb2, 0xc3, 0xd4], in: directory)) } throws: {
            "\($0)".contains("SDP")
        }
        #expect(await service.currentLoad == 0)
    }
}
