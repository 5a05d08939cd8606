import Foundation
import Media

/// The live stream destinations of one render, which may change while it
/// runs: every encoded packet is offered to each destination (a reference
/// of its own), and destinations are added and removed from any thread.
/// Until the encoders exist (`attach`), added destinations wait.
///
/// `@unchecked Sendable`: all state is guarded by `lock`.
public final class LiveStreams: @unchecked Sendable {
    private let lock = NSLock()
    private var parameters: (video: StreamParameters, audio: StreamParameters)?
    private var destinations: [String: StreamDestination] = [:]
    private var waiting: [String] = []
    private var ended = false
    private let timeoutSeconds: Int
    private let maximumBackoffSeconds: Double
    private let changed: @Sendable (StreamStatus) -> Void

    /// `changed` hears every change of a destination's status, from the destinations' threads.
    public init(urls: [String], timeoutSeconds: Int = 10, maximumBackoffSeconds: Double = 30,
                changed: @escaping @Sendable (StreamStatus) -> Void) {
        waiting = urls
        self.timeoutSeconds = timeoutSeconds
        self.maximumBackoffSeconds = maximumBackoffSeconds
        self.changed = changed
    }

    /// The destinations now, in no particular order.
    public var statuses: [StreamStatus] {
        let all = lock.withLock { Array(destinations.values) }
        return all.map(\.currentStatus)
    }

    public var urls: [String] { lock.withLock { Array(destinations.keys) + waiting } }

    /// The encoders are open: their parameters let destinations connect at any time from now.
    func attach(video: VideoEncoder, audio: AudioEncoder) throws {
        let parameters = (try video.streamParameters(), try audio.streamParameters())
        let pending: [String] = lock.withLock {
            self.parameters = parameters
            defer { waiting.removeAll() }
            return waiting
        }
        for url in pending { add(url) }
    }

    /// Starts sending to `url` (no change if it is there already, or the render has ended).
    public func add(_ url: String) {
        lock.lock()
        guard !ended, destinations[url] == nil, !waiting.contains(url) else { return lock.unlock() }
        guard let parameters else {
            waiting.append(url)
            return lock.unlock()
        }
        let destination = StreamDestination(url: url, video: parameters.video, audio: parameters.audio, timeoutSeconds: timeoutSeconds,
                                            maximumBackoffSeconds: maximumBackoffSeconds, changed: changed)
        destinations[url] = destination
        lock.unlock()
        destination.start()
    }

    /// Stops sending to `url`; false when it is not one of the destinations.
    @discardableResult
    public func remove(_ url: String) -> Bool {
        lock.lock()
        if let index = waiting.firstIndex(of: url) {
            waiting.remove(at: index)
            lock.unlock()
            return true
        }
        guard let destination = destinations.removeValue(forKey: url) else {
            lock.unlock()
            return false
        }
        lock.unlock()
        destination.stop()
        return true
    }

    /// Offers the encoder's packets to every destination.
    func offer(_ packets: [EncodedPacket], isVideo: Bool) {
        let all = lock.withLock { Array(destinations.values) }
        for destination in all {
            for packet in packets { if let copy = packet.copy() { destination.offer(copy, isVideo: isVideo) } }
        }
    }

    /// The render has ended: every destination ends its stream.
    public func end() {
        let all: [StreamDestination] = lock.withLock {
            ended = true
            waiting.removeAll()
            defer { destinations.removeAll() }
            return Array(destinations.values)
        }
        for destination in all { destination.stop() }
    }
}
