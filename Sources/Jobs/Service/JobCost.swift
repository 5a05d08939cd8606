/// What each kind of work costs `Admission`: jobs run only while their
/// costs' sum fits the capacity. A live composite (decode, composite and
/// encode in real time) costs most; a batch render runs as fast as it can
/// but may be slowed; a dump-only recording only decrypts and writes.
/// Units are quarter cores: one 720p30 live composite measured about a
/// quarter to a third of a 2-core machine's CPU (BENCHMARKS.md).
public enum JobCost {
    public static let liveComposite = 4
    public static let render = 3
    public static let dumpOnly = 1
    /// An upload's import into a dump (one core, the file in memory).
    public static let dumpImport = 2

    /// The default capacity: room for three live composites per two cores.
    public static func defaultCapacity(cores: Int) -> Int { Swift.max(liveComposite, 6 * cores) }
}
