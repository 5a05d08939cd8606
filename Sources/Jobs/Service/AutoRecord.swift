/// `--auto-record`: a room's first publisher starts a recording and its
/// last one stops it. Events in, decisions out; the service carries them out.
/// A room whose last publisher leaves while its recording is still starting
/// is stopped as soon as the recording has an id.
struct AutoRecord {
    /// Room → the job recording it (nil while that job starts).
    private var jobs: [String: String?] = [:]
    private var stopsPending: Set<String> = []

    /// A room got its first publisher: whether to start recording it
    /// (not when it is recorded already, by this or by a pulled source).
    mutating func roomOpened(_ room: String, recordedAlready: Bool) -> Bool {
        guard jobs[room] == nil, !recordedAlready else { return false }
        jobs[room] = .some(nil)
        return true
    }

    /// The recording started as `job`: whether to stop it at once (the room emptied meanwhile).
    mutating func started(_ room: String, job: String) -> Bool {
        jobs[room] = job
        return stopsPending.remove(room) != nil
    }

    mutating func failedToStart(_ room: String) {
        jobs[room] = nil
        stopsPending.remove(room)
    }

    /// The room's last publisher left: the job to stop, if one runs.
    mutating func roomClosed(_ room: String) -> String? {
        guard let entry = jobs[room] else { return nil }
        guard let job = entry else {
            stopsPending.insert(room)
            return nil
        }
        return job
    }

    /// A recording ended (however): its room may be auto-recorded again.
    mutating func finished(job: String, room: String) {
        if jobs[room] == .some(job) { jobs[room] = nil }
    }
}
