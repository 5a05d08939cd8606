import Media
import Testing

@Suite struct AudioTests {
    @Test func mixerSumsOverlappingTracksAndCountsLateSamples() {
        var mixer = AudioMixer()
        mixer.add([0.25, 0.25, 0.25, 0.25], at: 0)
        mixer.add([0.25, 0.25], at: 1)
        let out = mixer.take(until: 3)
        #expect(out == [0.25, 0.25, 0.5, 0.5, 0, 0])
        mixer.add([0.5, 0.5, 0.5, 0.5], at: 2)  // the first sample is already out
        #expect(mixer.lateSamples == 1)
        #expect(mixer.take(until: 4) == [0.5, 0.5])
    }

    @Test func loudMixesAreLimitedNotClipped() {
        var mixer = AudioMixer()
        for _ in 0..<4 { mixer.add(Array(repeating: 0.9, count: 200)[...], at: 0) }
        let out = mixer.take(until: 100)
        #expect(out.allSatisfy { $0 < 1 && $0 > 0.95 })
        #expect(mixer.limitedSamples == 200)
        var quiet = AudioMixer()
        quiet.add([0.5, -0.5], at: 0)
        #expect(quiet.take(until: 1) == [0.5, -0.5])
    }

    @Test func opusConcealsLossesAndRejectsGarbage() throws {
        let decoder = try OpusAudioDecoder()
        let concealed = try decoder.conceal(samples: 960)
        #expect(concealed.count == 960 * 2)
        // A code-3 TOC byte announcing more frames than the packet holds.
        var failed = false
        do { _ = try decoder.decode([0x03, 0xff]) } catch { failed = true }
        #expect(failed)
    }

    @Test(arguments: [
        (G711Decoder.Law.mu, UInt8(0xff), 0), (.mu, 0x00, -32124), (.mu, 0x80, 32124),
        (.a, 0xd5, 8), (.a, 0x55, -8), (.a, 0xaa, 32256),
    ])
    func g711Expands(law: G711Decoder.Law, byte: UInt8, expected: Int) {
        var decoder = G711Decoder(law: law)
        let samples = decoder.decode(Array(repeating: byte, count: 2))
        #expect(samples.count == 2 * 6 * 2)
        #expect(abs(Double(samples.last!) * 32768 - Double(expected)) < 1)
    }
}

extension AudioTests {
    @Test func monoMixerAndDecoders() throws {
        var mixer = AudioMixer(channels: 1)
        mixer.add([0.25, 0.25], at: 0)
        mixer.add([0.25], at: 1)
        #expect(mixer.take(until: 3) == [0.25, 0.5, 0])
        let opus = try OpusAudioDecoder(channels: 1)
        #expect(try opus.conceal(samples: 480).count == 480)
        var g711 = G711Decoder(law: .mu, channels: 1)
        #expect(g711.decode([0xff, 0xff]).count == 12)
    }
}
