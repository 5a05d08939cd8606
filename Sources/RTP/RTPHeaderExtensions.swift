/// One header extension element (RFC 8285): its local id and its data.
public struct RTPHeaderExtension: Equatable, Sendable {
    public let id: UInt8
    public let data: ArraySlice<UInt8>

    public init(id: UInt8, data: ArraySlice<UInt8>) {
        self.id = id
        self.data = data
    }
}

/// The elements of an RTP header extension block, read lazily.
///
/// RFC 8285 §4.2 (one-byte form, profile 0xBEDE) and §4.3 (two-byte form,
/// profile 0x100X). Any other profile is a single opaque RFC 3550 extension
/// and yields no elements.
public struct RTPHeaderExtensions: Sequence, Sendable {
    public static let oneByteProfile: UInt16 = 0xBEDE
    public static let twoByteProfileMask: UInt16 = 0xFFF0
    public static let twoByteProfile: UInt16 = 0x1000

    public let profile: UInt16
    public let data: ArraySlice<UInt8>

    public var isOneByte: Bool { profile == Self.oneByteProfile }
    public var isTwoByte: Bool { profile & Self.twoByteProfileMask == Self.twoByteProfile }

    /// Throws on malformed elements; iteration silently stops at the first one.
    public func validated() throws(RTPError) -> [RTPHeaderExtension] {
        var out: [RTPHeaderExtension] = []
        var iterator = makeIterator()
        while let element = iterator.next() { out.append(element) }
        if let failure = iterator.failure { throw .badHeaderExtension(failure) }
        return out
    }

    /// The data of the element with `id`, if present.
    public func element(id: UInt8) -> ArraySlice<UInt8>? {
        for element in self where element.id == id { return element.data }
        return nil
    }

    public func makeIterator() -> Iterator { Iterator(extensions: self) }

    public struct Iterator: IteratorProtocol {
        let extensions: RTPHeaderExtensions
        var offset = 0
        public private(set) var failure: String?

        init(extensions: RTPHeaderExtensions) { self.extensions = extensions }

        public mutating func next() -> RTPHeaderExtension? {
            let data = extensions.data
            if extensions.isOneByte { return nextOneByte(data) }
            if extensions.isTwoByte { return nextTwoByte(data) }
            return nil
        }

        private mutating func nextOneByte(_ data: ArraySlice<UInt8>) -> RTPHeaderExtension? {
            while offset < data.count {
                let b = data.u8(offset)
                let id = b >> 4
                if id == 0 { offset += 1; continue }  // padding byte (§4.2)
                if id == 15 { offset = data.count; return nil }  // reserved: stop (§4.2)
                let length = Int(b & 0x0f) + 1
                guard offset + 1 + length <= data.count else {
                    failure = "one-byte element \(id) overruns the block"
                    offset = data.count
                    return nil
                }
                let element = RTPHeaderExtension(id: id, data: data.view(offset + 1, length))
                offset += 1 + length
                return element
            }
            return nil
        }

        private mutating func nextTwoByte(_ data: ArraySlice<UInt8>) -> RTPHeaderExtension? {
            while offset < data.count {
                let id = data.u8(offset)
                if id == 0 { offset += 1; continue }  // padding byte (§4.3)
                guard offset + 2 <= data.count else {
                    failure = "two-byte element \(id) has no length byte"
                    offset = data.count
                    return nil
                }
                let length = Int(data.u8(offset + 1))
                guard offset + 2 + length <= data.count else {
                    failure = "two-byte element \(id) overruns the block"
                    offset = data.count
                    return nil
                }
                let element = RTPHeaderExtension(id: id, data: data.view(offset + 2, length))
                offset += 2 + length
                return element
            }
            return nil
        }
    }
}
