import APIModel
import Dump
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import SDP
import Telemetry

/// `POST /v1/uploads`: media recorded elsewhere, streamed to disk under
/// `DATA-DIR/uploads/` and size-limited, to render with
/// `POST /v1/renders {"uploadId": ID}`:
/// - an RTP dump (.rtpd) as it is;
/// - a session description (`Content-Type: application/sdp`), kept to import a capture with;
/// - a packet capture (pcap or pcapng) of plain RTP, with `?sdp=NAME:ID` for
///   each participant's uploaded SDP: imported into a dump as
///   `tessera import pcap` does;
/// - Janus recordings: one .mjr file (`?name=` gives its file name, which
///   names the participant), or a tar archive of a recordings folder whose
///   .mjr files are paired per participant as `tessera import mjr` does.
enum UploadRoutes {
    struct Uploaded: Encodable {
        var id: String
        var size: Int64
        /// "rtpd" (renderable) or "sdp".
        var kind: String
        var rtpPackets: Int?
        var tracks: Int?
    }

    static func add<Context: RequestContext>(to api: RouterGroup<Context>, _ d: APIRoutes.Dependencies, dataDirectory: String, maximumBytes: Int64) {
        api.post("uploads") { request, _ in
            await APIRoutes.handle(request, d) { try await upload(request, service: d.service, dataDirectory: dataDirectory, maximumBytes: maximumBytes) }
        }
    }

    static func upload(_ request: Request, service: JobService, dataDirectory: String, maximumBytes: Int64) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > maximumBytes {
            Limit.bodySize.count()
            throw ServiceError(status: 413, code: "too_large", message: "uploads are at most \(maximumBytes) bytes")
        }
        let directory = dataDirectory + "/uploads"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let id = JobIDs.make()
        let partial = "\(directory)/\(id).partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw ServiceError(status: 500, code: "internal", message: "cannot write \(partial)")
        }
        var size: Int64 = 0
        var head: [UInt8] = []
        do {
            defer { try? handle.close() }
            for try await buffer in request.body {
                size += Int64(buffer.readableBytes)
                guard size <= maximumBytes else {
                    Limit.bodySize.count()
                    throw ServiceError(status: 413, code: "too_large", message: "uploads are at most \(maximumBytes) bytes")
                }
                if head.count < 512 { head += buffer.getBytes(at: buffer.readerIndex, length: min(512 - head.count, buffer.readableBytes)) ?? [] }
                try handle.write(contentsOf: Data(buffer: buffer))
            }
        } catch {
            unlink(partial)
            throw error
        }
        defer { unlink(partial) }
        if request.headers[.contentType]?.lowercased().hasPrefix("application/sdp") == true {
            return try keepDescription(partial, id: id, size: size, directory: directory)
        }
        let pcap = head.count >= 4 && ([0xa1, 0xb2, 0xc3, 0xd4] == Array(head[0..<4]) || [0xd4, 0xc3, 0xb2, 0xa1] == Array(head[0..<4])
                                        || [0x0a, 0x0d, 0x0d, 0x0a] == Array(head[0..<4]))
        let mjr = head.starts(with: Array("MJR0000".utf8)) || head.starts(with: Array("MEETECHO".utf8))
        if pcap || mjr || TarArchive.looksLikeTar(head) {
            // Imports read the whole file into memory: bounded in size, and in
            // how many run at once, so uploads cannot exhaust memory or threads.
            guard size <= maximumImportBytes else {
                Limit.bodySize.count()
                throw ServiceError(status: 413, code: "too_large", message: "captures and Janus recordings to import are at most \(maximumImportBytes >> 20) MB")
            }
            return try await admitted(service) {
                try await pcap
                    ? importCapture(partial, id: id, directory: directory, descriptions: request.uri.queryParameters[values: "sdp"].map(String.init))
                    : importJanus(partial, id: id, directory: directory,
                                  singleFileName: mjr ? request.uri.queryParameters["name"].map(String.init) ?? "upload.mjr" : nil)
            }
        }
        guard head.starts(with: DumpFormat.magic) else {
            throw ServiceError(status: 415, code: "unsupported_media_type",
                               message: "not an RTP dump (.rtpd), a pcap/pcapng capture, Janus recordings (.mjr, or a tar of them) or an SDP (Content-Type: application/sdp)")
        }
        guard rename(partial, "\(directory)/\(id).rtpd") == 0 else {
            throw ServiceError(status: 500, code: "internal", message: "cannot keep the upload")
        }
        return APIResponses.json(Uploaded(id: id, size: size, kind: "rtpd"), status: .created)
    }

    static func keepDescription(_ partial: String, id: String, size: Int64, directory: String) throws -> Response {
        guard size <= 256 * 1024, let text = try? String(contentsOfFile: partial, encoding: .utf8) else {
            throw ServiceError.invalid("an SDP upload is UTF-8 text of at most 256 KB")
        }
        do { _ = try SessionDescription.parse(text) } catch { throw ServiceError.invalid("malformed SDP: \(error)") }
        guard rename(partial, "\(directory)/\(id).sdp") == 0 else {
            throw ServiceError(status: 500, code: "internal", message: "cannot keep the upload")
        }
        return APIResponses.json(Uploaded(id: id, size: size, kind: "sdp"), status: .created)
    }

    /// A capture becomes a dump, one participant per named SDP upload (`NAME:ID`).
    static func importCapture(_ partial: String, id: String, directory: String, descriptions: [String]) async throws -> Response {
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
        return APIResponses.json(Uploaded(id: id, size: size, kind: "rtpd", rtpPackets: summary.rtpPackets, tracks: summary.tracks), status: .created)
    }

    /// One .mjr, or the .mjr files of a tar archive, become a dump.
    static func importJanus(_ partial: String, id: String, directory: String, singleFileName: String?) async throws -> Response {
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
        return APIResponses.json(Uploaded(id: id, size: size, kind: "rtpd", rtpPackets: summary.rtpPackets, tracks: summary.tracks), status: .created)
    }

    /// The largest capture or Janus recording imported (they are parsed in memory).
    static let maximumImportBytes: Int64 = 512 << 20
    static let importSlots = ImportSlots()

    /// Runs an import inside one of the import slots and with its cost
    /// reserved by the service's admission (so imports and jobs share the
    /// machine's capacity); both are given back however the import ends.
    static func admitted(_ service: JobService, _ body: () async throws -> Response) async throws -> Response {
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
