/// G.711 μ-law and A-law (ITU-T G.711) to 48 kHz Float (mono or stereo): each 8 kHz
/// sample is expanded and repeated with linear interpolation to six.
public struct G711Decoder: Sendable {
    public enum Law: Sendable { case mu, a }
    public let law: Law
    public let channels: Int
    private var previous: Float = 0

    public init(law: Law, channels: Int = 2) {
        self.law = law
        self.channels = channels
    }

    public mutating func decode(_ payload: [UInt8]) -> [Float] {
        var output = [Float]()
        output.reserveCapacity(payload.count * 6 * channels)
        for byte in payload {
            let value = Float(law == .mu ? Self.expandMu(byte) : Self.expandA(byte)) / 32768
            for step in 1...6 {
                let sample = previous + (value - previous) * Float(step) / 6
                for _ in 0..<channels { output.append(sample) }
            }
            previous = value
        }
        return output
    }

    static func expandMu(_ byte: UInt8) -> Int {
        let u = Int(~byte)
        let exponent = (u >> 4) & 7
        let magnitude = (((u & 0x0f) << 3) + 0x84) << exponent
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84
    }

    static func expandA(_ byte: UInt8) -> Int {
        let a = Int(byte ^ 0x55)
        let exponent = (a >> 4) & 7
        var magnitude = (a & 0x0f) << 4
        magnitude = exponent == 0 ? magnitude + 8 : (magnitude + 0x108) << (exponent - 1)
        return (a & 0x80) != 0 ? magnitude : -magnitude
    }
}
