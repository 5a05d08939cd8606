import NIOCore
import WebRTC
import NIOPosix
import Telemetry
#if canImport(Glibc)
import Glibc
#endif

/// The thin I/O driver under `ReceiveConnection`s: UDP sockets on SwiftNIO.
///
/// All peers may share one port, which is what operators want behind a
/// firewall: a datagram is routed by the source address once ICE has seen
/// it, and before that by the USERNAME of its STUN check (RFC 8445 §7.2.2:
/// "our-ufrag:their-ufrag"). A port range binds one socket per port. One
/// event loop runs every socket, every connection and a 10 ms timer, so the
/// connections need no locks. The timer runs only while there are
/// connections: an idle server does not wake a hundred times a second.
///
/// `@unchecked Sendable`: the tables are touched only on `eventLoop`;
/// public methods hop onto it.
public final class UDPMediaServer: @unchecked Sendable {
    public struct Statistics: Equatable, Sendable {
        public var datagrams = 0
        public var unrouted = 0
        /// Datagrams for destinations this socket cannot reach (another address family).
        public var unsendable = 0
        /// Socket errors (ICMP unreachable and the like), which never close the socket.
        public var socketErrors = 0
        public var connections = 0
    }

    private struct Entry {
        let connection: ReceiveConnection
        let sink: ConnectionSink
        var addresses: Set<STUNAddress> = []
        /// The socket the peer reached us on: replies and feedback leave from it.
        var channel: Channel?
    }

    public let eventLoop: EventLoop
    /// The bound ports (set once, before `start` returns).
    public private(set) var ports: [Int]
    private var channels: [Channel] = []
    private var byUfrag: [String: Entry] = [:]
    private var byAddress: [STUNAddress: String] = [:]
    private var counters = Statistics()
    private var timer: RepeatedTask?
    /// Binding requests to a STUN server in flight: transaction id → who waits for the answer.
    private var discoveries: [[UInt8]: EventLoopPromise<STUNAddress>] = [:]
    private let start = NIODeadline.now()

    private init(eventLoop: EventLoop, ports: [Int]) {
        self.eventLoop = eventLoop
        self.ports = ports
    }

    /// Binds `host` on each port (0 picks a free one); the timer starts with the first connection.
    public static func start(host: String, ports: [Int], group: EventLoopGroup) async throws -> UDPMediaServer {
        let loop = group.next()
        var bound: [Channel] = []
        var actualPorts: [Int] = []
        let server = UDPMediaServer(eventLoop: loop, ports: ports)
        for port in ports {
            // No SO_REUSEADDR: on Linux it lets a second server bind the same
            // UDP port and take half the publishers' packets. A taken port is
            // an error that names it.
            let bootstrap = DatagramBootstrap(group: loop)
                .channelOption(ChannelOptions.socketOption(.so_rcvbuf), value: 8 << 20)
                .channelOption(ChannelOptions.socketOption(.so_sndbuf), value: 4 << 20)
                .channelOption(ChannelOptions.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 2048))
                .channelInitializer { channel in
                    channel.pipeline.addHandler(Inbound(server: server))
                }
            let channel: Channel
            do {
                channel = try await bootstrap.bind(host: host, port: port).get()
            } catch {
                for channel in bound { try? await channel.close() }
                if let error = error as? IOError, error.errnoCode == EADDRINUSE {
                    throw MediaPortTaken(host: host, port: port)
                }
                throw error
            }
            bound.append(channel)
            actualPorts.append(channel.localAddress?.port ?? port)
        }
        let (finalPorts, channels) = (actualPorts, bound)
        try await loop.submit {
            server.ports = finalPorts
            server.channels = channels
        }.get()
        return server
    }

    /// Microseconds on the driver's monotonic clock.
    public var now: Int64 { (NIODeadline.now() - start).nanoseconds / 1000 }

    /// Adds a connection made on the event loop (its C contexts must not
    /// cross threads); datagrams for `ufrag` go to it from now on.
    public func add(ufrag: String, sink: ConnectionSink, make: @escaping @Sendable () throws -> ReceiveConnection) -> EventLoopFuture<Void> {
        eventLoop.submit {
            let connection = try make()
            self.byUfrag[ufrag] = Entry(connection: connection, sink: sink)
            self.counters.connections = self.byUfrag.count
            self.startTimer()
        }
    }

    /// Adds a connection from code already on the event loop.
    public func addOnLoop(ufrag: String, sink: ConnectionSink, connection: ReceiveConnection) {
        eventLoop.preconditionInEventLoop()
        byUfrag[ufrag] = Entry(connection: connection, sink: sink)
        counters.connections = byUfrag.count
        startTimer()
    }

    /// Closes and forgets a connection; the sink hears `.closed` first.
    public func remove(ufrag: String, reason: String) -> EventLoopFuture<Void> {
        eventLoop.submit {
            guard let entry = self.byUfrag[ufrag] else { return }
            let now = self.now
            for output in entry.connection.close(reason: reason) { entry.sink.connection(ufrag, produced: output, now: now) }
            self.forget(ufrag)
        }
    }

    /// Asks a connection for keyframes, from code already on the event loop.
    public func requestKeyframesOnLoop(ufrag: String) {
        eventLoop.preconditionInEventLoop()
        byUfrag[ufrag]?.connection.requestKeyframes()
    }

    /// Applies a new offer's sections to a live connection, from code on the event loop.
    public func renegotiateOnLoop(ufrag: String, media: [NegotiatedMedia], declared: [String: DeclaredStreams]) {
        eventLoop.preconditionInEventLoop()
        guard let entry = byUfrag[ufrag] else { return }
        deliver(entry.connection.renegotiate(media: media, declared: declared), of: ufrag, sink: entry.sink, channel: entry.channel, now: now)
    }

    /// Runs `body` with a connection on the event loop (trickled candidates, statistics).
    public func withConnection<T: Sendable>(ufrag: String, _ body: @escaping @Sendable (ReceiveConnection?) -> T) -> EventLoopFuture<T> {
        eventLoop.submit { body(self.byUfrag[ufrag]?.connection) }
    }

    public var statistics: EventLoopFuture<Statistics> { eventLoop.submit { self.counters } }

    public enum DiscoveryError: Error, Sendable { case noMappedAddress, noAnswer, unreachable }

    /// Asks a STUN server (RFC 8489 Binding, no authentication) how each
    /// socket's address looks from outside, for server-reflexive candidates
    /// (RFC 8445 §5.1.1.2). Returns bound port → mapped address for every
    /// socket that got an answer within `timeout`; each request is sent up to three times.
    public func discoverReflexiveAddresses(stunServer: String, port: Int, timeout: TimeAmount = .seconds(3)) async -> [Int: STUNAddress] {
        guard let server = try? SocketAddress.makeAddressResolvingHost(stunServer, port: port) else { return [:] }
        var found: [Int: STUNAddress] = [:]
        for (index, channel) in channels.enumerated() {
            let promise = eventLoop.makePromise(of: STUNAddress.self)
            let transaction = (0..<12).map { _ in UInt8.random(in: 0...255) }
            let request = STUNMessage(messageClass: .request, transactionID: transaction).serialize(fingerprint: false)
            eventLoop.execute {
                self.discoveries[transaction] = promise
                for attempt in 0..<3 {
                    self.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanoseconds / 3 * Int64(attempt))) {
                        guard self.discoveries[transaction] != nil else { return }
                        var buffer = channel.allocator.buffer(capacity: request.count)
                        buffer.writeBytes(request)
                        channel.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: buffer), promise: nil)
                    }
                }
                self.eventLoop.scheduleTask(in: timeout) {
                    self.discoveries.removeValue(forKey: transaction)?.fail(DiscoveryError.noAnswer)
                }
            }
            if let mapped = try? await promise.futureResult.get() { found[ports[index]] = mapped }
        }
        return found
    }

    public func stop() async {
        try? await eventLoop.submit {
            self.timer?.cancel()
            self.timer = nil
            for ufrag in Array(self.byUfrag.keys) {
                let entry = self.byUfrag[ufrag]!
                for output in entry.connection.close(reason: "server stopping") { entry.sink.connection(ufrag, produced: output, now: self.now) }
            }
            self.byUfrag.removeAll()
            self.byAddress.removeAll()
        }.get()
        for channel in channels { try? await channel.close() }
    }

    // MARK: - On the event loop

    fileprivate func received(_ bytes: [UInt8], from remote: SocketAddress, channel: Channel) {
        counters.datagrams += 1
        guard let address = STUNAddress(remote) else { return }
        if !discoveries.isEmpty, bytes.count >= 20, PacketKind(classifying: bytes[...]) == .stun,
           let promise = discoveries.removeValue(forKey: Array(bytes[8..<20])) {
            // The STUN server's answer: our address as it sees us (RFC 8489 §7.3.3).
            if let message = try? STUNMessage(parsing: bytes[...]), message.messageClass == .success,
               let mapped = message.xorMappedAddress ?? message.mappedAddress {
                promise.succeed(mapped)
            } else {
                promise.fail(DiscoveryError.noMappedAddress)
            }
            return
        }
        var ufrag = byAddress[address]
        if ufrag == nil || PacketKind(classifying: bytes[...]) == .stun {
            // A check names the connection; the address may be new (a second candidate).
            if let named = STUNMessage.localUfrag(inCheck: bytes[...]), byUfrag[named] != nil { ufrag = named }
        }
        guard let ufrag, let entry = byUfrag[ufrag] else {
            counters.unrouted += 1
            return
        }
        let now = self.now
        let outputs = entry.connection.handle(bytes, from: address, now: now)
        // A known address (every media packet) skips this; a newly validated one is remembered for routing.
        if !entry.addresses.contains(address) && entry.addresses.count < 16 && entry.connection.ice.isValidated(address) {
            byUfrag[ufrag]?.addresses.insert(address)
            byUfrag[ufrag]?.channel = channel
            byAddress[address] = ufrag
        }
        deliver(outputs, of: ufrag, sink: entry.sink, channel: channel, now: now)
    }

    /// Starts the 10 ms timer that drives the connections' clocks (retransmissions, feedback, deadlines), if it is not running.
    private func startTimer() {
        guard timer == nil else { return }
        timer = eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(10), delay: .milliseconds(10)) { [weak self] _ in self?.tick() }
    }

    private func tick() {
        // The last connection is gone: sleep until the next one.
        guard !byUfrag.isEmpty else {
            timer?.cancel()
            timer = nil
            return
        }
        let now = self.now
        for (ufrag, entry) in byUfrag {
            deliver(entry.connection.advance(to: now), of: ufrag, sink: entry.sink, channel: entry.channel ?? channels.first, now: now)
        }
    }

    private func deliver(_ outputs: [ReceiveConnection.Output], of ufrag: String, sink: ConnectionSink, channel: Channel?, now: Int64) {
        var closed = false, wrote = false
        for output in outputs {
            if case let .send(bytes, to) = output {
                // A candidate of the other address family cannot be reached from this socket.
                guard let channel, let destination = to.socketAddress,
                      destination.protocol == channel.localAddress?.protocol else {
                    counters.unsendable += 1
                    continue
                }
                if byAddress[to] == nil, var entry = byUfrag[ufrag], entry.addresses.count < 16 {
                    // Our own check goes there: its answer must find its way back.
                    entry.addresses.insert(to)
                    if entry.channel == nil { entry.channel = channel }
                    byUfrag[ufrag] = entry
                    byAddress[to] = ufrag
                }
                var buffer = channel.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                channel.write(AddressedEnvelope(remoteAddress: destination, data: buffer), promise: nil)
                wrote = true
                continue
            }
            if case let .limitReached(limit) = output {
                Self.count(limit)
                continue
            }
            if case .closed = output { closed = true }
            sink.connection(ufrag, produced: output, now: now)
        }
        // Most calls (a media packet in, nothing out) wrote nothing: no flush through the pipeline then.
        if wrote { channel?.flush() }
        if closed { forget(ufrag) }
    }

    private static func count(_ limit: ConnectionLimit) {
        switch limit {
        case .connectDeadline: Limit.connectDeadline.count()
        case .tracksPerConnection: Limit.tracksPerConnection.count()
        case .nackGaps: Limit.nackGaps.count()
        }
    }

    private func forget(_ ufrag: String) {
        guard let entry = byUfrag.removeValue(forKey: ufrag) else { return }
        // Only addresses still routed to this connection: a 5-tuple that a later
        // session took over must keep reaching that session.
        for address in entry.addresses where byAddress[address] == ufrag { byAddress[address] = nil }
        counters.connections = byUfrag.count
    }

    private final class Inbound: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let server: UDPMediaServer
        init(server: UDPMediaServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            var buffer = envelope.data
            guard let bytes = buffer.readBytes(length: buffer.readableBytes) else { return }
            server.received(bytes, from: envelope.remoteAddress, channel: context.channel)
        }

        /// A peer that went away answers with ICMP errors; one peer's trouble
        /// must not close the socket every other peer shares.
        func errorCaught(context: ChannelHandlerContext, error: Error) {
            server.counters.socketErrors += 1
        }
    }
}

extension STUNAddress {
    init?(_ address: SocketAddress) {
        switch address {
        case let .v4(v4):
            let raw = v4.address.sin_addr.s_addr.bigEndian
            self.init(ip: [UInt8(raw >> 24), UInt8((raw >> 16) & 0xff), UInt8((raw >> 8) & 0xff), UInt8(raw & 0xff)],
                      port: UInt16(address.port ?? 0))
        case let .v6(v6):
            var storage = v6.address.sin6_addr
            let bytes = withUnsafeBytes(of: &storage) { Array($0) }
            self.init(ip: bytes, port: UInt16(address.port ?? 0))
        default:
            return nil
        }
    }

    var socketAddress: SocketAddress? {
        let host: String
        if ip.count == 4 {
            host = ip.map(String.init).joined(separator: ".")
        } else {
            host = stride(from: 0, to: 16, by: 2).map { String(UInt16(ip[$0]) << 8 | UInt16(ip[$0 + 1]), radix: 16) }.joined(separator: ":")
        }
        return try? SocketAddress(ipAddress: host, port: Int(port))
    }
}

/// The media port is held by another process (another `tessera serve`?).
public struct MediaPortTaken: Error, CustomStringConvertible, Sendable {
    public var host: String
    public var port: Int
    public var description: String { "udp port \(port) on \(host) is already in use (another tessera serve?): pick another with --rtc-port" }
}
