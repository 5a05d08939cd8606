import Jobs

/// The page a call link that cannot join gets instead of the call page: it
/// says why in words and runs no script, so no camera or microphone is asked for.
enum CallRefusalPage {
    /// The reason as a stable word, for scripts and tests.
    static func code(_ reason: RoomTokenError) -> String {
        switch reason {
        case .missing: "missing"
        case .malformed: "malformed"
        case .badSignature: "badSignature"
        case .expired: "expired"
        case .wrongRoom: "wrongRoom"
        }
    }

    static func html(room: String, reason: RoomTokenError) -> String {
        let (title, advice) = switch reason {
        case .missing: ("This link has no room token", "A call link ends in ?token=…; ask whoever invited you for the whole link.")
        case .expired: ("This call link has expired", "Ask whoever invited you for a new link (the jobs page makes one with “new call link”).")
        case .wrongRoom: ("This call link is for another room", "The token in the link was issued for a different room; ask for a link to \(room).")
        case .malformed, .badSignature: ("This call link is not valid", "The token in the link is damaged or was not issued by this server; ask for a new link.")
        }
        return """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>tessera: cannot join \(room)</title>
            <style>body { font-family: system-ui, sans-serif; background: #111; color: #eee; display: grid; place-items: center; height: 100vh; margin: 0; }
            main { max-width: 32rem; padding: 2rem; background: #222; border-radius: 8px; border-left: 4px solid #c33; }</style></head>
            <body><main id="refusal" data-reason="\(code(reason))"><h1>\(title)</h1><p>\(advice)</p><p><small>Room \(room): \(reason.description).</small></p></main></body>
            </html>
            """
    }
}
