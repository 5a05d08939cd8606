import Foundation

/// One `Range: bytes=…` request (RFC 9110 §14.1.2): `first-last`,
/// `first-` or `-suffix`. Several ranges in one request are answered with
/// the whole file (a server may ignore Range, §14.2).
public enum ByteRange: Equatable, Sendable {
    case range(ClosedRange<Int64>)
    /// Syntactically a range, but none of it is in the file: 416.
    case unsatisfiable
    /// Not a single byte range: serve the whole file.
    case whole

    public init(header: String?, size: Int64) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { self = .whole; return }
        let spec = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { self = .whole; return }
        let first = Int64(parts[0]), last = Int64(parts[1])
        switch (parts[0].isEmpty, parts[1].isEmpty) {
        case (true, false):
            guard let suffix = last, suffix >= 0 else { self = .whole; return }
            guard suffix > 0, size > 0 else { self = .unsatisfiable; return }
            self = .range(Swift.max(0, size - suffix)...(size - 1))
        case (false, true):
            guard let first, first >= 0 else { self = .whole; return }
            self = first < size ? .range(first...(size - 1)) : .unsatisfiable
        case (false, false):
            guard let first, let last, first >= 0, last >= first else { self = .whole; return }
            self = first < size ? .range(first...Swift.min(last, size - 1)) : .unsatisfiable
        case (true, true):
            self = .whole
        }
    }
}
