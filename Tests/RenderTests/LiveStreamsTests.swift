import Foundation
import Media
@testable import Render
import Synchronization
import Testing

/// The live stream destinations of a render: they wait for the encoders,
/// change while it runs, and a destination that refuses is retried and
/// reported without anything reaching the encoder.
struct LiveStreamsTests {
    final class Heard: Sendable {
        let statuses = Mutex<[StreamStatus]>([])
        func append(_ status: StreamStatus) { statuses.withLock { $0.append(status) } }
    }

    static func encoders() throws -> (VideoEncoder, AudioEncoder) {
        (try VideoEncoder(VideoEncoderSettings(codec: .h264, width: 64, height: 64, fps: 30), globalHeader: true),
         try AudioEncoder(AudioEncoderSettings(codec: .aac), globalHeader: true))
    }

    @Test func destinationsWaitForTheEncodersAndChangeUntilTheEnd() {
        let heard = Heard()
        let streams = LiveStreams(urls: ["rtmp://127.0.0.1:1/live/a"]) { heard.append($0) }
        #expect(streams.urls == ["rtmp://127.0.0.1:1/live/a"] && streams.statuses.isEmpty, "nothing connects before the encoders exist")
        streams.add("rtmp://127.0.0.1:1/live/b")
        streams.add("rtmp://127.0.0.1:1/live/b")
        #expect(streams.urls.sorted() == ["rtmp://127.0.0.1:1/live/a", "rtmp://127.0.0.1:1/live/b"], "an added URL is there once")
        #expect(streams.remove("rtmp://127.0.0.1:1/live/a"))
        #expect(!streams.remove("rtmp://127.0.0.1:1/live/none"))
        streams.end()
        streams.add("rtmp://127.0.0.1:1/live/c")
        #expect(streams.urls.isEmpty, "nothing is added after the end")
        #expect(heard.statuses.withLock { $0.isEmpty })
    }

    @Test func aRefusingDestinationIsRetriedAndReportedUntilStopped() throws {
        let heard = Heard()
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        let url = "rtmp://127.0.0.1:1/live/refused"
        let streams = LiveStreams(urls: [url], timeoutSeconds: 5, maximumBackoffSeconds: 0.2) { heard.append($0) }
        let (video, audio) = try Self.encoders()
        try streams.attach(video: video, audio: audio)
        let deadline = Date().addingTimeInterval(30)
        while (streams.statuses.first?.reconnects ?? 0) < 2 && Date() < deadline { usleep(50_000) }
        let status = try #require(streams.statuses.first)
        #expect(status.url == url && status.reconnects >= 2 && [.connecting, .retrying].contains(status.state), "\(status)")
        let failures = heard.statuses.withLock { $0.filter { $0.state == .retrying } }
        #expect(failures.count >= 2 && failures.allSatisfy { $0.error?.isEmpty == false }, "\(failures)")
        #expect(heard.statuses.withLock { $0.first?.state } == .connecting, "the first status is the first attempt")
        streams.end()
        #expect(heard.statuses.withLock { $0.last?.state } == .stopped)
        #expect(streams.statuses.isEmpty && streams.urls.isEmpty)
    }
}
