import APIModel
import Foundation

/// Taking over the unfinished jobs of an owner that is gone: this server
/// before a restart, or (with several machines) a node whose lease ran out.
/// `plan` decides from the stored jobs alone; the service carries the steps
/// out. The dump is the source of truth: a recording cut off mid-way is
/// rendered from it, and nothing is deleted.
enum Recovery {
    enum Step: Equatable, Sendable {
        /// Its renders stopped the process `attempts` times: failed, not run again.
        case giveUp(id: String, attempts: Int)
        /// Queued, never started: start it now.
        case start(Job, RecordingSpec)
        /// Cut off while starting: nothing to keep.
        case abort(id: String)
        /// Cut off while recording, its node lost: join the source again and
        /// record on; the earlier turn's dump is the first segment.
        case resume(Job, RecordingSpec)
        /// Cut off while recording or finishing: render the dump and complete it.
        case complete(Job, RecordingSpec?, markInterrupted: Bool)
        /// A render cut off: run it again from the start.
        case rerender(Job, RenderSpec, markInterrupted: Bool)
        /// Its stored request cannot be read back (a damaged or foreign row).
        case skip(id: String)
    }

    /// Renders a job may begin before one found unfinished is failed instead.
    static let maximumRenderAttempts = 2

    /// `resumable`: the jobs come from a lost node (not from this server's
    /// own restart), so recordings whose source can be joined again go on.
    static func plan(_ jobs: [Job], resumable: Bool = false) -> [Step] {
        jobs.map { job in
            let attempts = JobLedger.result(of: job).renderAttempts
            if attempts >= maximumRenderAttempts { return .giveUp(id: job.id, attempts: attempts) }
            switch (job.kind, job.state) {
            case (.recording, .queued):
                guard let spec = recordingSpec(job) else { return .skip(id: job.id) }
                return .start(job, spec)
            case (.recording, .starting):
                return .abort(id: job.id)
            case (.recording, .active) where resumable:
                guard let spec = recordingSpec(job), canJoinAgain(spec.source) else { return .complete(job, recordingSpec(job), markInterrupted: true) }
                return .resume(job, spec)
            case (.recording, _):
                // An unreadable request still completes: its dump is kept, only its render is skipped.
                return .complete(job, recordingSpec(job), markInterrupted: job.state != .interrupted)
            case (.render, _):
                guard let request = try? JSONDecoder().decode(RenderRequest.self, from: Data(job.settings.utf8)),
                      let spec = try? request.validated() else { return .skip(id: job.id) }
                return .rerender(job, spec, markInterrupted: job.state == .processing)
            }
        }
    }

    /// Whether a new node can take up the source where a lost one left it:
    /// WHIP publishers post again and a built-in room's members reconnect
    /// (each sent on to the room's new home, where the recording went on), a
    /// WHEP or Janus source is joined again (one that needed a token or PIN
    /// cannot be: secrets are never stored, and joining then fails).
    static func canJoinAgain(_ source: SourceSpec) -> Bool {
        switch source {
        case .whip, .room, .whep, .janus: true
        }
    }

    static func recordingSpec(_ job: Job) -> RecordingSpec? {
        guard let request = try? JSONDecoder().decode(RecordingRequest.self, from: Data(job.settings.utf8)) else { return nil }
        return try? request.validated()
    }
}
