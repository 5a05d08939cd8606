import Foundation
import Testing

/// The jobs page and the call page as a person meets them, in headless
/// Chromium driven over its DevTools protocol (scripts/peers/browser_steps.py):
/// refusals said on the page, errors that stay, a wrong key said plainly,
/// re-render and delete from the page, and a screenshot of the console.
@Suite(.serialized) struct PagesInteropTests {
    typealias Service = ServiceInteropTests

    /// Runs the steps in one browser; each must turn truthy within the bound. Returns each step's value.
    static func steps(_ url: String, _ steps: [String], screenshot: String? = nil, timeout: Int = 45) throws -> [String] {
        let script = ServerProcess.projectRoot.appendingPathComponent("scripts/peers/browser_steps.py").path
        let arguments = [script, url, "--timeout", String(timeout)] + steps.flatMap { ["--step", $0] } + (screenshot.map { ["--screenshot", $0] } ?? [])
        let result = try ServerProcess.run(ServerProcess.python, arguments, timeout: Double(timeout * steps.count + 60))
        let lines = result.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(result.status == 0 && lines.count == steps.count, "steps on \(url): \(result.out) \(result.err.suffix(500))")
        return lines.map { line in (line["value"]).map { "\($0)" } ?? "timeout: \(line["last"] ?? "nothing")" }
    }

    static func text(_ id: String) -> String { "(document.getElementById('\(id)')?.textContent || '')" }

    @Test func theCallPageRefusesABadTokenWithoutAskingForTheCamera() throws {
        let server = try ServerProcess(autoRecord: false)
        defer { server.stop() }
        let issued = try Service.post(server, "/v1/rooms/elsewhere/tokens", #"{"name": "ann"}"#, headers: [ServiceInteropTests.json])
        let token = try Service.decode([String: AnyCodable].self, issued.body)["token"]?.text ?? ""
        for (query, reason, status) in [("", "missing", 401), ("?token=not.a.token", "malformed", 401), ("?token=\(token)", "wrongRoom", 403)] {
            let page = try ServerProcess.http("GET", server.base + "/call/standup" + query)
            #expect(page.status == status && page.body.contains(#"data-reason="\#(reason)""#) && !page.body.contains("<script"), "\(query): \(page.status)")
            let seen = try Self.steps(server.base + "/call/standup" + query, [
                "document.getElementById('refusal')?.dataset.reason",
                "window.__mediaRequests === 0 && !document.querySelector('video') ? 'no camera asked' : false",
            ])
            #expect(seen == [reason, "no camera asked"], "\(query): \(seen)")
        }
        // The socket's own URL without the upgrade says why, as JSON.
        let socket = try ServerProcess.http("GET", server.base + "/v1/rooms/standup/ws?token=\(token)")
        #expect(socket.status == 403 && socket.body.contains("another room"), "\(socket.body)")
    }

    @Test func theJobsPageAsksForAKeyAndSaysPlainlyWhenItIsWrong() throws {
        let server = try ServerProcess(extraArguments: ["--api-key", Service.key], autoRecord: false)
        defer { server.stop() }
        let submit = { (key: String) in
            "(() => { document.getElementById('key').value = '\(key)'; document.getElementById('key-form').requestSubmit(); return true; })()"
        }
        let seen = try Self.steps(server.base + "/", [
            "\(Self.text("key-note")).includes('needs an API key') && \(Self.text("key-note"))",
            submit("wrong-key"),
            "\(Self.text("key-note")).includes('refused') && \(Self.text("key-note"))",
            submit(Service.key),
            "document.querySelector('#key-panel').classList.contains('hidden') && document.querySelector('#jobs .empty')?.textContent",
        ])
        #expect(seen.first == "this server needs an API key")
        #expect(seen.count == 5 && seen[2].contains("refused this API key (401)"), "\(seen)")
        #expect(seen.last?.contains("\(server.base)/whip/ROOM") == true && seen.last?.contains("/call/ROOM?token=") == true,
                "the empty state says where to publish and how to open a call: \(seen.last ?? "")")
    }

    @Test func aFailedStartShowsItsErrorUntilDismissed() throws {
        let server = try ServerProcess(autoRecord: false)
        defer { server.stop() }
        let seen = try Self.steps(server.base + "/", [
            "document.body.dataset.loaded",
            """
            (() => { document.getElementById('source').value = 'whep'; document.getElementById('source').dispatchEvent(new Event('change'));
              document.getElementById('room').value = 'whep-room'; document.getElementById('url').value = 'ftp://camera.example/feed';
              document.getElementById('start').requestSubmit(); return true; })()
            """,
            "document.getElementById('message').classList.contains('shown') && (window.__firstUpdate = \(Self.text("updated")), \(Self.text("message-text")))",
            // Two refreshes later the error is still there.
            "(\(Self.text("updated")) !== window.__firstUpdate) && new Promise(r => setTimeout(r, 2500)).then(() => \(Self.text("updated")) !== window.__firstUpdate && \(Self.text("message-text")))",
            "(() => { document.getElementById('dismiss').click(); return !document.getElementById('message').classList.contains('shown') ? 'dismissed' : false; })()",
        ])
        #expect(seen.count == 5 && seen[2].contains("cannot start the recording") && seen[2].contains("source.url"), "\(seen)")
        #expect(seen.count == 5 && seen[3] == seen[2], "the error outlives the refreshes: \(seen)")
        #expect(seen.last == "dismissed")
    }

    @Test func aRecordingIsReRenderedAndDeletedFromThePage() throws {
        let server = try ServerProcess(autoRecord: false)
        defer { server.stop() }
        let created = try Service.post(server, "/v1/recordings", #"{"room": "console", "output": {"width": 320, "height": 180}}"#, headers: [Service.json])
        let id = try Service.decode(Service.Document.self, created.body).id
        let publisher = try Service.startPublisher(server.base + "/whip/console", media: "publish-red.mp4", codec: "vp8", seconds: 2.5)
        publisher.waitUntilExit()
        let stopped = try Service.post(server, "/v1/recordings/\(id)/stop", "", headers: [])
        #expect(stopped.body.contains(#""state":"completed""#), "\(stopped.body)")

        let shot = Fixtures.temporaryPath("console-\(UUID().uuidString).png")
        let row = "document.querySelector('tr[data-id=\"\(id)\"]')"
        let seen = try Self.steps(server.base + "/", [
            "\(row) && true",
            "(() => { [...\(row).querySelectorAll('button')].find(b => b.textContent === 'Details').click(); return true; })()",
            "document.getElementById('details-\(id)')?.textContent.includes('participants:') && document.querySelector('#details-\(id) form.rerender') && true",
            """
            (() => { const form = document.querySelector('#details-\(id) form.rerender'); const selects = form.querySelectorAll('select');
              selects[0].value = 'presenter'; selects[1].value = '640x360'; selects[2].value = 'webm'; form.requestSubmit(); return true; })()
            """,
            "[...document.querySelectorAll('tr.job')].find(r => r.children[1].textContent === 'render' && r.querySelector('.state.completed'))?.dataset.id",
            "document.querySelector('tr.job img.poster')?.dataset.loaded",
        ], screenshot: shot, timeout: 90)
        let renderID = seen.count == 6 ? seen[4] : ""
        #expect(!renderID.isEmpty && !renderID.hasPrefix("timeout"), "a render row completed: \(seen)")
        let render = try Service.get(server, "/v1/renders/\(renderID)")
        #expect(render.state == "completed" && render.files.contains { $0.name == "render.webm" }, "re-rendered as asked: \(render.files.map(\.name))")
        let picture = try MediaProbe.picture(shot, at: 0, width: 1200, height: 900)
        let posters = stride(from: 200, to: 880, by: 8).map { picture.color(x: 96, y: $0, size: 8) }
        #expect(posters.contains { FixtureColor.matches($0, "red", tolerance: 70) }, "a red poster in the table: \(posters)")

        let deleted = try Self.steps(server.base + "/", [
            "document.querySelector('tr[data-id=\"\(renderID)\"]') && true",
            """
            (() => { window.confirm = () => true; [...document.querySelector('tr[data-id="\(renderID)"]').querySelectorAll('button')]
              .find(b => b.textContent === 'Delete').click(); return true; })()
            """,
            "document.body.dataset.loaded && !document.querySelector('tr[data-id=\"\(renderID)\"]') ? 'gone' : false",
        ])
        #expect(deleted.last == "gone", "\(deleted)")
        #expect(try ServerProcess.http("GET", server.base + "/v1/renders/\(renderID)").status == 404)
    }
}

/// A JSON value read loosely, for fields a test only looks at.
struct AnyCodable: Decodable {
    let text: String?
    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
