// Compiled together with the ObjectStorage sources it drives (scripts/fuzz.sh).

/// libFuzzer entry: what an S3 server answers (XML bodies, errors,
/// listings), and the storage names a user types, must not trap; what
/// parses must write out and parse back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzS3(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let tree = try? XMLTree.parse(bytes) {
        guard let again = try? XMLTree.parse(Array(tree.serialized().utf8)), again == tree else {
            fatalError("XML did not survive serialization")
        }
    }
    _ = S3Error.from(status: 403, body: bytes).description
    _ = try? S3Answers.listing(bytes)
    _ = try? S3Answers.pendingUploads(bytes)
    _ = try? S3Answers.uploadID(bytes)
    _ = try? S3Answers.completedETag(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    guard URIEncoding.decode(URIEncoding.encode(text, keepingSlash: true)) == text else { fatalError("URI encoding did not round trip") }
    if let location = try? S3Location(url: text) {
        guard let again = try? S3Location(url: location.description), again == location else { fatalError("a location did not round trip") }
    }
    _ = try? S3Endpoint(url: text)
    return 0
}
