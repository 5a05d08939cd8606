/// Names from clients that end up in paths, URLs and logs (rooms, layouts,
/// job and upload ids): 1–64 ASCII letters, digits, '-' or '_'. One rule,
/// so a name valid in one place is valid in all.
public enum SafeName {
    public static let maximumLength = 64

    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= maximumLength && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
