/// The ids tessera makes (jobs, uploads) and the ones it takes from clients.
public enum JobIDs {
    /// 16 random letters and digits: safe in paths and URLs, and not guessable.
    public static func make() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Whether a client's id may name a file: 1–64 ASCII letters, digits, '-' or '_'.
    public static func isSafe(_ id: String) -> Bool {
        SafeName.isValid(id)
    }
}
