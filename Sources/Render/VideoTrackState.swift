import Dump
import Media
import RTP

/// One video track on its way to the canvas: frames from the assembler wait
/// in a queue (compressed) until the output clock reaches them, then are
/// decoded. Only the newest picture is kept.
final class VideoTrackState: TrackIntakeOwner {
    let track: DumpTrack
    var intake: TrackIntake
    var clock: TrackClock { intake.clock }
    let decoder: VideoDecoder
    private(set) var picture: VideoFrame?
    private(set) var pictureTime: Int64 = .min
    private var pictureShown = false
    private var waitingForKeyframe = true
    private var lastSize: (Int, Int)?
    var summary: RenderSummary.Track
    /// H.264 SPS and PPS from the SDP (`sprop-parameter-sets`, RFC 6184
    /// §8.1), Annex-B framed: put before each keyframe, so a recording whose
    /// in-band parameter sets were lost still decodes.
    private let parameterSets: [UInt8]

    init(track: DumpTrack, codec: VideoCodec) throws {
        self.track = track
        intake = TrackIntake(track: track, codec: RTPCodec(encodingName: track.codec)!)
        decoder = try VideoDecoder(codec: codec)
        summary = .init(id: track.id, participantID: track.participantID, kind: "video", codec: track.codec)
        parameterSets = codec == .h264 ? Self.parameterSets(from: track.formatParameters) : []
    }

    static func parameterSets(from formatParameters: String?) -> [UInt8] {
        guard let parameters = formatParameters else { return [] }
        for parameter in parameters.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "sprop-parameter-sets" else { continue }
            var bytes: [UInt8] = []
            for set in pair[1].split(separator: ",") {
                guard let data = Data(base64Encoded: String(set)), !data.isEmpty else { continue }
                bytes += [0, 0, 0, 1] + data
            }
            return bytes
        }
        return []
    }


    /// Decodes every queued frame due by `time` (session µs, via `timeOf`)
    /// and returns the picture to show then, if any.
    func picture(at time: Int64, timeOf: (Int64, Int) -> Int64) -> VideoFrame? {
        while let (frame, segment) = intake.first {
            let frameTime = timeOf(frame.timestamp, segment)
            guard frameTime <= time else { break }
            intake.removeFirst()
            decode(frame, at: frameTime)
        }
        if picture != nil, !pictureShown {
            pictureShown = true
            summary.framesShown += 1
        }
        return picture
    }

    /// Whether a picture arrived within `hold` before `time`.
    func hasRecentPicture(at time: Int64, hold: Int64) -> Bool { picture != nil && time - pictureTime <= hold }

    private func decode(_ frame: AssembledFrame, at time: Int64) {
        if frame.isKeyframe && frame.exceedsPixelLimit {
            summary.framesRefusedOversize += 1
            waitingForKeyframe = true  // what follows refers to the refused picture
            return
        }
        if frame.isKeyframe { waitingForKeyframe = false }
        guard !waitingForKeyframe, frame.referencesIntact || frame.isKeyframe else {
            summary.framesSkippedWithoutReference += 1
            return
        }
        do {
            let data = frame.isKeyframe && !parameterSets.isEmpty ? parameterSets + frame.data : frame.data
            let pictures = try decoder.decode(data, timestamp: frame.timestamp)
            guard let newest = pictures.last else { return }
            summary.framesDecoded += pictures.count
            if picture != nil && !pictureShown { summary.framesSuperseded += 1 }
            summary.framesSuperseded += pictures.count - 1
            picture = newest
            pictureTime = time
            pictureShown = false
            if lastSize.map({ $0 != (newest.width, newest.height) }) ?? true {
                lastSize = (newest.width, newest.height)
                summary.resolutions.append("\(newest.width)x\(newest.height)@\(String(format: "%.2f", Double(time) / 1e6))s")
            }
        } catch {
            summary.decodeErrors += 1
            waitingForKeyframe = true  // never show what a broken reference would make
        }
    }
}

import Foundation
