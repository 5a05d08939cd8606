import CFFmpeg

/// A libav call that failed, with libav's own description of the code.
public struct LibavError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public var message: String

    public init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
        var buffer = [CChar](repeating: 0, count: 256)
        if av_strerror(code, &buffer, buffer.count) == 0 {
            message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        } else {
            message = "libav error \(code)"
        }
    }

    public var description: String { "\(operation): \(message)" }

    /// Throws for a negative libav return code, passes anything else through.
    @discardableResult
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(LibavError) -> Int32 {
        if code < 0 { throw LibavError(operation(), code: code) }
        return code
    }

    static let again = tessera_averror_eagain()
    static let endOfFile = tessera_averror_eof()
}

/// A media error that is not a libav return code.
public struct MediaError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// libav's own logging: quiet (errors only) unless asked.
public enum LibavLogging {
    public static func set(verbose: Bool) {
        av_log_set_level(verbose ? AV_LOG_INFO : AV_LOG_ERROR)
    }
}
