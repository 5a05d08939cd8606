import Foundation
import Media

/// What a live stream destination is doing, as the job shows it.
public struct StreamStatus: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Opening the connection (the first time, or again after a failure).
        case connecting
        /// Connected and sending.
        case live
        /// The last attempt failed; the next comes after a back-off.
        case retrying
        /// Removed, or the recording ended.
        case stopped
    }

    public var url: String
    public var state: State
    /// When the state began.
    public var since: Date
    /// Why the last attempt failed, while retrying.
    public var error: String?
    /// Connections opened after the first.
    public var reconnects: Int
}

/// One destination of a live stream, on a thread of its own: it connects,
/// sends the packets it is given, and when the destination refuses, fails
/// or stalls, drops what it holds and tries again after a back-off that
/// doubles up to `maximumBackoffSeconds`. Nothing it does reaches the
/// encoder: packets are offered, and dropped while it cannot take them,
/// so a bad destination costs neither the file nor the other destinations.
///
/// `@unchecked Sendable`: the queue and status are guarded by `condition`;
/// the muxer is touched only by the destination's thread.
final class StreamDestination: @unchecked Sendable {
    let url: String
    private let video: StreamParameters
    private let audio: StreamParameters
    private let timeoutSeconds: Int
    private let maximumBackoffSeconds: Double
    private let changed: @Sendable (StreamStatus) -> Void
    private let cancellation = StreamCancellation()
    private let condition = NSCondition()
    private var queue: [(packet: EncodedPacket, isVideo: Bool)] = []
    private var stopping = false
    private var connected = false
    /// After packets were dropped: take none until the next video keyframe.
    private var awaitingKeyframe = false
    private var status: StreamStatus
    private var thread: Thread?
    /// About two seconds of 30 fps video with its audio: enough to ride out a slow write, not enough to fall far behind.
    private static let depth = 160

    init(url: String, video: StreamParameters, audio: StreamParameters, timeoutSeconds: Int = 10, maximumBackoffSeconds: Double = 30,
         changed: @escaping @Sendable (StreamStatus) -> Void) {
        self.url = url
        self.video = video
        self.audio = audio
        self.timeoutSeconds = timeoutSeconds
        self.maximumBackoffSeconds = maximumBackoffSeconds
        self.changed = changed
        status = StreamStatus(url: url, state: .connecting, since: Date(), error: nil, reconnects: 0)
    }

    func start() {
        changed(currentStatus)
        let thread = Thread { [self] in run() }
        thread.name = "tessera-stream"
        self.thread = thread
        thread.start()
    }

    var currentStatus: StreamStatus { condition.withLock { status } }

    /// Offers a packet (a copy of its own); dropped while not connected or when the queue is full.
    func offer(_ packet: EncodedPacket, isVideo: Bool) {
        condition.lock()
        defer { condition.unlock() }
        guard connected, !stopping else { return }
        if queue.count >= Self.depth {
            // Behind: start again from the next keyframe rather than send a broken picture.
            queue.removeAll()
            awaitingKeyframe = true
        }
        if awaitingKeyframe {
            guard isVideo, packet.isKeyframe else { return }
            awaitingKeyframe = false
        }
        queue.append((packet, isVideo))
        condition.signal()
    }

    /// Stops sending: the thread ends the stream cleanly, or is broken off
    /// (the interrupt callback) if a connect or write still blocks after `graceSeconds`.
    func stop(graceSeconds: Double = 3) {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        update(.stopped, error: nil)
        let cancellation = cancellation
        DispatchQueue.global().asyncAfter(deadline: .now() + graceSeconds) { cancellation.cancel() }
    }

    private func update(_ state: StreamStatus.State, error: String?, reconnect: Bool = false) {
        let snapshot: StreamStatus = condition.withLock {
            if status.state == .stopped { return status }
            if status.state != state { status.since = Date() }
            status.state = state
            status.error = error
            if reconnect { status.reconnects += 1 }
            return status
        }
        changed(snapshot)
    }

    private var isStopping: Bool { condition.withLock { stopping } }

    private func run() {
        var backoff = 1.0
        var attempts = 0
        while !isStopping {
            if attempts > 0 { update(.connecting, error: nil, reconnect: true) }
            attempts += 1
            do {
                let muxer = try StreamMuxer(url: url, video: video, audio: audio, timeoutSeconds: timeoutSeconds, cancellation: cancellation)
                condition.withLock { connected = true }
                update(.live, error: nil)
                defer { muxer.finish() }
                try send(to: muxer)
                if isStopping { return }
                backoff = 1
            } catch {
                condition.withLock {
                    connected = false
                    queue.removeAll()
                }
                if isStopping { return }
                update(.retrying, error: "\(error)")
            }
            condition.lock()
            let until = Date().addingTimeInterval(backoff)
            while !stopping, condition.wait(until: until) {}
            condition.unlock()
            backoff = min(maximumBackoffSeconds, backoff * 2)
        }
    }

    /// Sends queued packets until stopped or a write fails.
    private func send(to muxer: StreamMuxer) throws {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            let batch = queue
            queue.removeAll()
            condition.unlock()
            for item in batch { try muxer.write(item.packet, isVideo: item.isVideo) }
        }
    }
}
