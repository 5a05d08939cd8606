import APIModel
import Dump
import Foundation
import SDP
import Telemetry

/// What becomes of an upload once its bytes are on disk (a partial file
/// under `DATA-DIR/uploads/`): by its first bytes, an RTP dump is kept as it
/// is; a session description is kept to import a capture with; a packet
/// capture (pcap or pcapng) of plain RTP, with each participant's uploaded
/// SDP, is imported into a dump as `tessera import pcap` does; Janus
/// recordings (one .mjr, or a tar archive of a recordings folder) are paired
/// per participant as `tessera import mjr` does. Imports are parsed in
/// memory: bounded in size, in how many run at once, and counted by admission.
public struct UploadIntake: Sendable {
    /// What the client is told about its upload.
    public struct Uploaded: Codable, Equatable, Sendable {
        public var id: String
        public var size: Int64
        /// "rtpd" (renderable) or "sdp".
        public var kind: String
        public var rtpPackets: Int?
        public var tracks: Int?
    }

    /// The upload as it arrived.
    public struct Arrival: Sendable {
        public var id: String
        public var partialPath: String
        public var size: Int64
        /// Its first bytes (up to 512), to tell the format by.
        public var head: [UInt8]
        public var declaredSDP: Bool
        /// `NAME:ID` of the SDP uploads a capture's participants are described by.
        public var descriptions: [String]
        /// A single .mjr file's name (which names its participant).
        public var janusName: String?

        public init(id: String, partialPath: String, size: Int64, head: [UInt8], declaredSDP: Bool, descriptions: [String], janusName: String?) {
            self.id = id
            self.partialPath = partialPath
            self.size = size
            self.head = head
            self.declaredSDP = declaredSDP
            self.descriptions = descriptions
            self.janusName = janusName
        }
    }

    let service: JobService
    /// `DATA-DIR/uploads`.
    public let directory: String

    public init(service: JobService, directory: String) {
        self.service = service
        self.directory = directory
    }

    /// Keeps or imports the upload; the partial file is the caller's to remove.
    public func take(_ upload: Arrival) async throws -> Uploaded {
        let (partial, id, size, head) = (upload.partialPath, upload.id, upload.size, upload.head)
        if upload.declaredSDP { return try Self.keepDescription(partial, id: id, size: size, directory: directory) }
        let pcap = head.count >= 4 && ([0xa1, 0xb2, 0xc3, 0xd4] == Array(head[0..<4]) || [0xd4, 0xc3, 0xb2, 0xa1] == Array(head[0..<4])
                                        || [0x0a, 0x0d, 0x0d, 0x0a] == Array(head[0..<4]))
        let mjr = head.starts(with: Array("MJR0000".utf8)) || head.starts(with: Array("MEETECHO".utf8))
        if pcap || mjr || TarArchive.looksLikeTar(head) {
            guard size <= Self.maximumImportBytes else {
                Limit.bodySize.count()
                throw ServiceError(status: 413, code: "too_large", message: "captures and Janus recordings to import are at most \(Self.maximumImportBytes >> 20) MB")
            }
            let directory = self.directory
            return try await Self.admitted(service) {
                try await pcap
                    ? Self.importCapture(partial, id: id, directory: directory, descriptions: upload.descriptions)
                    : Self.importJanus(partial, id: id, directory: directory, singleFileName: mjr ? upload.janusName ?? "upload.mjr" : nil)
            }
        }
        guard head.starts(with: DumpFormat.magic) else {
            throw ServiceError(status: 415, code: "unsupported_media_type",
                               message: "not an RTP dump (.rtpd), a pcap/pcapng capture, Janus recordings (.mjr, or a tar of them) or an SDP (Content-Type: application/sdp)")
        }
        guard rename(partial, "\(directory)/\(id).rtpd") == 0 else {
            throw ServiceError(status: 500, code: "internal", message: "cannot keep the upload")
        }
        return Uploaded(id: id, size: size, kind: "rtpd")
    }

    static func keepDescription(_ partial: String, id: String, size: Int64, directory: String) throws -> Uploaded {
        guard size <= 256 * 1024, let text = try? String(contentsOfFile: partial, encoding: .utf8) else {
            throw ServiceError.invalid("an SDP upload is UTF-8 text of at most 256 KB")
        }
        do { _ = try SessionDescription.parse(text) } catch { throw ServiceError.invalid("malformed SDP: \(error)") }
        guard rename(partial, "\(directory)/\(id).sdp") == 0 else {
            throw ServiceError(status: 500, code: "internal", message: "cannot keep the upload")
        }
        return Uploaded(id: id, size: size, kind: "sdp")
    }

    /// A capture becomes a dump, one participant per named SDP upload (`NAME:ID`).
    static func importCapture(_ partial: String, id: String, directory: String, descriptions: [String]) async throws -> Uploaded {
        guard !descriptions.isEmpty else {
            throw ServiceError.invalid("a capture needs each participant's SDP: upload them first (Content-Type: application/sdp) and name them with ?sdp=NAME:ID")
        }
        var participants: [ImportParticipant] = []
        for entry in descriptions {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            let (name, sdpID) = parts.count == 2 ? (parts[0], parts[1]) : ("participant-\(participants.count + 1)", parts[0])
            guard !sdpID.isEmpty, sdpID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                  let text = try? String(contentsOfFile: "\(directory)/\(sdpID).sdp", encoding: .utf8) else {
                throw ServiceError.notFound("no SDP upload \(sdpID)")
            }
            guard !name.isEmpty, name.count <= 64 else { throw ServiceError.invalid("participant names are 1–64 characters") }
            do { participants.append(ImportParticipant(id: name, description: try SessionDescription.parse(text))) } catch {
                throw ServiceError.invalid("SDP upload \(sdpID): \(error)")
            }
        }
        let output = "\(directory)/\(id).rtpd"
        let frozen = participants
        let summary: PcapImportSummary = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    guard let bytes = FileManager.default.contents(atPath: partial) else { throw ServiceError.invalid("cannot read the capture") }
                    let importer = try PcapImporter(participants: frozen)
                    continuation.resume(returning: try importer.run(capture: Array(bytes), outputPath: output, sessionID: id))
                } catch let error as ServiceError {
                    continuation.resume(throwing: error)
                } catch {
                    continuation.resume(throwing: ServiceError.invalid("the capture cannot be imported: \(error)"))
                }
            }
        }
        guard summary.rtpPackets > 0 else {
            unlink(output)
            throw ServiceError.invalid("the capture holds no RTP for the SDPs' ports (\(summary.udpDatagrams) UDP datagrams, \(summary.unmatchedDatagrams) to other ports)")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? Int).map(Int64.init) ?? 0
        return Uploaded(id: id, size: size, kind: "rtpd", rtpPackets: summary.rtpPackets, tracks: summary.tracks)
    }

    /// One .mjr, or the .mjr files of a tar archive, become a dump.
    static func importJanus(_ partial: String, id: String, directory: String, singleFileName: String?) async throws -> Uploaded {
        let output = "\(directory)/\(id).rtpd"
        let summary: MJRImportSummary = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    guard let bytes = FileManager.default.contents(atPath: partial) else { throw ServiceError.invalid("cannot read the upload") }
                    let inputs: [MJRImporter.Input]
                    if let singleFileName {
                        inputs = [MJRImporter.Input(name: (singleFileName as NSString).lastPathComponent, bytes: Array(bytes))]
                    } else {
                        inputs = try TarArchive(bytes: Array(bytes)).entries
                            .filter { $0.name.lowercased().hasSuffix(".mjr") }
                            .map { MJRImporter.Input(name: ($0.name as NSString).lastPathComponent, bytes: $0.bytes) }
                        guard !inputs.isEmpty else { throw ServiceError.invalid("the tar archive holds no .mjr files") }
                    }
                    continuation.resume(returning: try MJRImporter().run(files: inputs, outputPath: output, sessionID: id))
                } catch let error as ServiceError {
                    continuation.resume(throwing: error)
                } catch {
                    continuation.resume(throwing: ServiceError.invalid("the Janus recordings cannot be imported: \(error)"))
                }
            }
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? Int).map(Int64.init) ?? 0
        return Uploaded(id: id, size: size, kind: "rtpd", rtpPackets: summary.rtpPackets, tracks: summary.tracks)
    }

    /// The largest capture or Janus recording imported (they are parsed in memory).
    static let maximumImportBytes: Int64 = 512 << 20
    static let importSlots = ImportSlots()

    /// Runs an import inside one of the import slots and with its cost
    /// reserved by the service's admission (so imports and jobs share the
    /// machine's capacity); both are given back however the import ends.
    static func admitted(_ service: JobService, _ body: () async throws -> Uploaded) async throws -> Uploaded {
        guard await importSlots.take() else {
            Limit.importsAtOnce.count()
            throw ServiceError(status: 503, code: "busy", message: "\(ImportSlots.limit) imports are running; try again shortly", retryAfter: 5)
        }
        let reservation: Reservation
        do {
            reservation = try await service.reserveImport()
        } catch {
            await importSlots.give()
            throw error
        }
        defer { reservation.release() }
        do {
            let response = try await body()
            await importSlots.give()
            return response
        } catch {
            await importSlots.give()
            throw error
        }
    }

    /// Imports running at once: at most `limit`, refused beyond (no queue).
    actor ImportSlots {
        static let limit = 2
        private var running = 0
        func take() -> Bool {
            guard running < Self.limit else { return false }
            running += 1
            return true
        }
        func give() { running = Swift.max(0, running - 1) }
    }
}
