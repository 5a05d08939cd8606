import Dump

/// libFuzzer entry: tar archives (ustar, GNU long names, pax headers), as
/// uploads of Janus recordings arrive, must list or refuse, never trap;
/// entries hold no more bytes than the archive.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTar(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = TarArchive.looksLikeTar(Array(bytes.prefix(512)))
    _ = TarArchive.paxPath(bytes)
    guard let archive = try? TarArchive(bytes: bytes) else { return 0 }
    if archive.entries.reduce(0, { $0 + $1.bytes.count }) > bytes.count { fatalError("a tar archive listed more bytes than it holds") }
    return 0
}
