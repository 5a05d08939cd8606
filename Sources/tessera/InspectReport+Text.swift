import Dump
import Foundation

extension InspectReport {
    /// The human-readable form of the report.
    var text: String {
        var lines: [String] = []
        func seconds(_ value: Double?) -> String { value.map { String(format: "%.3f s", $0) } ?? "-" }
        lines.append("dump \(path ?? "-") (format \(formatVersion ?? "?"))")
        if let sessionID {
            var line = "session \(sessionID)"
            if let room { line += ", room \(room)" }
            if let source { line += ", from \(source)" }
            if let startedAtMicros {
                let date = Date(timeIntervalSince1970: Double(startedAtMicros) / 1e6)
                line += ", started \(ISO8601DateFormatter().string(from: date))"
            }
            lines.append(line)
        }
        lines.append("duration \(seconds(durationSeconds)), \(records) records, \(participants.count) participants, \(tracks.count) tracks")
        for participant in participants {
            lines.append("")
            lines.append("participant \(participant.id)" + (participant.name.map { " (\($0))" } ?? ""))
            for id in participant.tracks {
                guard let t = tracks.first(where: { $0.id == id }) else { continue }
                let ssrcs = t.ssrcs.map { String(format: "%08x", $0) }.joined(separator: ",")
                lines.append("  track \(t.id): \(t.kind) \(t.codec)/\(t.clockRate)\(t.supported ? "" : " (unsupported codec)") ssrc \(ssrcs)")
                lines.append("    \(t.packets) packets, \(t.bytes) bytes, duration \(seconds(t.durationSeconds)), arrivals \(seconds(t.firstArrivalSeconds)) → \(seconds(t.lastArrivalSeconds))")
                lines.append("    loss \(t.lostPackets)/\(t.expectedPackets) (\(String(format: "%.2f", t.lossPercent))%), \(t.reorderedPackets) reordered, \(t.duplicatePackets) duplicates, \(t.malformedPackets) malformed, \(t.paddingPackets) padding, \(t.retransmissions) retransmissions")
                lines.append("    \(t.frames) frames, \(t.keyframes) keyframes, \(t.droppedFrames) dropped, \(t.rtcpPackets) RTCP (\(t.senderReports) sender reports)")
                if !t.resolutions.isEmpty {
                    lines.append("    resolutions: " + t.resolutions.map { "\($0.width)x\($0.height) at \(seconds($0.atSeconds))" }.joined(separator: ", "))
                }
                for gap in t.gaps {
                    lines.append("    gap of \(seconds(gap.lengthSeconds)) at \(seconds(gap.atSeconds))")
                }
            }
        }
        if !events.isEmpty {
            lines.append("")
            lines.append("events: " + events.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if orphanPackets > 0 { lines.append("\(orphanPackets) packets name a track that has no track record") }
        for span in skipped {
            lines.append(span.atEnd
                ? "corrupt or torn tail: \(span.length) bytes skipped at offset \(span.offset)"
                : "damaged span: \(span.length) bytes skipped at offset \(span.offset)")
        }
        if let error { lines.append("error: \(error)") }
        return lines.joined(separator: "\n")
    }
}
