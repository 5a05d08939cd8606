import Foundation

/// Progress on standard error: a redrawn bar on a terminal, a plain line
/// every 10 % otherwise (logs, CI).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDecile = -1
    private var drawn = false

    init(label: String) { self.label = label }

    func update(fraction: Double, detail: String) {
        let fraction = Swift.max(0, Swift.min(1, fraction))
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))% \(detail)   ".utf8))
            drawn = true
        } else {
            let decile = Int(fraction * 10)
            guard decile > lastDecile else { return }
            lastDecile = decile
            printError("\(label): \(decile * 10)% (\(detail))")
        }
    }

    func end() {
        if isTerminal && drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }
}
