import CFFmpeg

/// One compressed packet (an `AVPacket`) on its way from an encoder to the
/// muxer, with timestamps in its encoder's time base.
///
/// `@unchecked Sendable`: handed from the encoding stage to the muxing stage
/// and touched by one of them at a time.
public final class EncodedPacket: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<AVPacket>

    init(taking pointer: UnsafeMutablePointer<AVPacket>) { self.pointer = pointer }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }

    public var size: Int { Int(pointer.pointee.size) }

    /// A second reference to the same bytes, for a second muxer (a muxer takes the packet it writes).
    public func copy() -> EncodedPacket? { av_packet_clone(pointer).map(EncodedPacket.init(taking:)) }
    public var isKeyframe: Bool { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
    public var pts: Int64 { pointer.pointee.pts }
    /// A copy of the compressed bytes.
    public var bytes: [UInt8] {
        guard let data = pointer.pointee.data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// Pulls every packet an encoder has ready.
func receivePackets(from context: UnsafeMutablePointer<AVCodecContext>, operation: String) throws(LibavError) -> [EncodedPacket] {
    var packets: [EncodedPacket] = []
    while true {
        guard let packet = av_packet_alloc() else { break }
        let result = avcodec_receive_packet(context, packet)
        if result < 0 {
            var unused: UnsafeMutablePointer<AVPacket>? = packet
            av_packet_free(&unused)
            if result == LibavError.again || result == LibavError.endOfFile { break }
            throw LibavError(operation, code: result)
        }
        packets.append(EncodedPacket(taking: packet))
    }
    return packets
}

/// Builds an `AVDictionary` of options and frees it.
struct LibavOptions {
    var values: [(String, String)] = []

    mutating func set(_ key: String, _ value: String) { values.append((key, value)) }

    func withDictionary<T>(_ body: (inout OpaquePointer?) throws -> T) rethrows -> T {
        var dictionary: OpaquePointer?
        for (key, value) in values { av_dict_set(&dictionary, key, value, 0) }
        defer { av_dict_free(&dictionary) }
        return try body(&dictionary)
    }
}
