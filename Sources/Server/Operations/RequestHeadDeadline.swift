import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import Telemetry

/// Closes a connection whose first request head has not arrived complete
/// within `timeout` (a slowloris client sends a header byte now and then and
/// holds a connection for good). The HTTP server's own idle timeout only
/// starts once a head has been parsed, and with WebSocket upgrades enabled
/// its handler is added only then; this one sits first in the pipeline from
/// the connection's start. After the first head (CR LF CR LF) it only passes
/// bytes on.
public struct RequestHeadDeadlineChannel<Base: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Base.Value
    public let base: Base
    public let timeout: TimeAmount

    public init(base: Base, timeout: TimeAmount) {
        self.base = base
        self.timeout = timeout
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let timeout = self.timeout
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestHeadDeadlineHandler(timeout: timeout), position: .first)
        }.flatMap { base.setup(channel: channel, logger: logger) }
    }

    public func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

final class RequestHeadDeadlineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var done = false
    /// The last bytes seen, to find CR LF CR LF across reads.
    private var tail: UInt32 = 0

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            Limit.requestHead.count()
            channel.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) { deadline?.cancel() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !done {
            let buffer = unwrapInboundIn(data)
            for byte in buffer.readableBytesView {
                tail = tail << 8 | UInt32(byte)
                if tail == 0x0d0a_0d0a {
                    done = true
                    deadline?.cancel()
                    break
                }
            }
        }
        context.fireChannelRead(data)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with WebSocket upgrades, where a connection idle for
    /// `idleTimeout` (or slow to send its first request head) is closed.
    public static func tesseraHTTP1<WSResponderBuilder: HTTPResponderBuilder & _HB_SendableMetatype>(
        webSocketRouter: WSResponderBuilder, idleTimeout: Duration, webSocket: WebSocketServerConfiguration
    ) -> HTTPServerBuilder where WSResponderBuilder.Responder.Context: WebSocketRequestContext {
        let webSocketResponder = webSocketRouter.buildResponder()
        let (seconds, attoseconds) = idleTimeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        return HTTPServerBuilder { responder in
            RequestHeadDeadlineChannel(
                base: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder,
                                                   configuration: .init(http1: .init(idleTimeout: timeout), ws: webSocket)),
                timeout: timeout)
        }
    }
}
