import Media
import Testing

/// Encoders and decoders of Debian's libavcodec, driven through the wrappers.
@Suite struct VideoCodecRoundTripTests {
    @Test(arguments: [(VideoEncoderSettings.Codec.vp8, VideoCodec.vp8), (.vp9, .vp9), (.h264, .h264)])
    func solidColorSurvivesEncodeAndDecode(codecs: (VideoEncoderSettings.Codec, VideoCodec)) throws {
        let red = try #require(YUVColor(hex: "#ff0000"))
        let canvas = try VideoFrame(width: 320, height: 240, color: red)
        let encoder = try VideoEncoder(.init(codec: codecs.0, width: 320, height: 240, fps: 30, bitrate: 500_000, preset: "ultrafast"), globalHeader: false)
        var packets: [EncodedPacket] = []
        for index in 0..<5 { packets += try encoder.encode(canvas, index: Int64(index)) }
        packets += try encoder.finish()
        #expect(packets.count == 5)
        #expect(packets.first?.isKeyframe == true)

        let decoder = try VideoDecoder(codec: codecs.1)
        var pictures: [VideoFrame] = []
        for (index, packet) in packets.enumerated() { pictures += try decoder.decode(packet.bytes, timestamp: Int64(index)) }
        pictures += try decoder.flush()
        #expect(pictures.count == 5)
        let picture = try #require(pictures.last)
        #expect(picture.width == 320 && picture.height == 240)
        let center = picture.sample(x: 160, y: 120)
        #expect(abs(Int(center.y) - Int(red.y)) <= 4 && abs(Int(center.v) - Int(red.v)) <= 4, "\(center) vs \(red)")
    }

    @Test func garbageIsAnErrorNotACrash() throws {
        let decoder = try VideoDecoder(codec: .h264)
        var failures = 0
        for seed in 0..<20 {
            let garbage = (0..<200).map { UInt8(truncatingIfNeeded: ($0 &* 131) ^ (seed &* 17)) }
            do { _ = try decoder.decode([0, 0, 0, 1, 0x65] + garbage, timestamp: Int64(seed)) } catch { failures += 1 }
        }
        #expect(failures > 0)
    }

    @Test func unknownEncoderIsRefusedWithItsName() {
        #expect { try VideoEncoder(.init(codec: .h264, width: 3, height: 3, fps: 30), globalHeader: false) } throws: { "\($0)".contains("libx264") }
    }
}
