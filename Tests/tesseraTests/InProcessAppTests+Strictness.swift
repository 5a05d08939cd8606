import Foundation
import Testing

/// The API as strict and uniform as clients of any REST API expect: bodies
/// with unknown fields or bad syntax refused naming the field or position,
/// every refusal on every route `{error, message}` JSON (404, 405 with
/// `Allow`, WHIP), ranges checked against the dump, absolute URLs, and every
/// documented route answered. Built in process (no process boundary is
/// needed), and in `InProcessAppTests`' serialized suite: each request
/// blocks a thread the app needs too.
extension InProcessAppTests {
    static let json = Service.json

    static let strictBodies: [(path: String, body: String, mentions: [String])] = [
        ("/v1/recordings", #"{"room":"a2","layuot":"grid"}"#, [#"unknown field "layuot""#, "layout", "room"]),
        ("/v1/recordings", #"{"room":"a",}"#, ["line 1, column 13", "trailing commas"]),
        ("/v1/recordings", "{\n  \"room\": \"a\"\n  \"layout\": \"grid\"\n}", ["line 3, column 3"]),
        ("/v1/recordings", #"{"room":"a","source":{"type":"whip","urll":"x"}}"#, [#"source: unknown field "urll""#]),
        ("/v1/recordings", #"{"room":"a","room":"b"}"#, ["appears twice"]),
        ("/v1/renders", #"{"recordingId":"x","form":5}"#, [#"unknown field "form""#, "from"]),
        ("/v1/renders", #"{"recordingId":"x","output":{"widht":640}}"#, [#"output: unknown field "widht""#, "width"]),
        ("/v1/rooms/r/tokens", #"{"name":"ann","mayrecord":true}"#, [#"unknown field "mayrecord""#, "mayRecord"]),
        ("/v1/rooms/r/tokens", #"{"name":"ann" "x"}"#, ["line 1, column 15"]),
    ]

    @Test func unknownFieldsAndMalformedJSONAreRefusedNamingTheFieldOrPosition() async throws {
        try await InProcessApp.with({ $0.apiKeys = [Self.key] }) { app in
            for (path, body, mentions) in Self.strictBodies {
                let response = try app.http("POST", path, body: body, headers: [Self.auth, Self.json])
                #expect(response.status == 400, "\(path) \(body): \(response.status) \(response.body)")
                let error = try Service.decode(Service.ErrorBody.self, response.body)
                #expect(error.error == "invalid_request" && mentions.allSatisfy(error.message.contains), "\(body): \(error.message)")
            }
            let patched = try app.http("PATCH", "/v1/recordings/nope", body: #"{"layout":"grid","extra":1}"#, headers: [Self.auth, Self.json])
            #expect(patched.status == 400 && patched.body.contains(#"unknown field \"extra\""#), "\(patched.body)")
            let layout = try app.http("POST", "/v1/recordings", body: #"{"room":"r","layout":"nosuch"}"#, headers: [Self.auth, Self.json])
            #expect(layout.status == 400 && layout.body.contains("the layouts are") && layout.body.contains("grid, "), "valid names listed: \(layout.body)")
            #expect(!layout.body.contains("looked in"), "no search directories: \(layout.body)")
            #expect(try app.http("GET", "/v1/recordings", headers: [Self.auth]).body.contains(#""jobs":[]"#), "nothing was created")
        }
    }

    static let routeRefusals: [(method: String, path: String, status: Int, allow: String?)] = [
        ("PUT", "/v1/recordings", 405, "GET, HEAD, POST"),
        ("DELETE", "/healthz", 405, "GET, HEAD"),
        ("POST", "/v1/recordings/abc", 405, "GET, HEAD, PATCH, DELETE"),
        ("POST", "/whip/room/session", 405, "PATCH, DELETE, OPTIONS"),
        ("GET", "/v1/nothing-here", 404, nil),
        ("GET", "/v1/rooms/nobody", 404, nil),
        ("GET", "/no/such/page", 404, nil),
        ("GET", "/v1/recordings/nope", 404, nil),
        ("DELETE", "/v1/renders/nope", 404, nil),
        ("GET", "/v1/recordings/nope/files/x.mp4", 404, nil),
    ]

    @Test func everyRefusalOnEveryRouteIsJSON() async throws {
        try await InProcessApp.with({ $0.apiKeys = [Self.key]; $0.whipTokens = [Self.key] }) { app in
            for (method, path, status, allow) in Self.routeRefusals {
                let response = try app.http(method, path, headers: [Self.auth])
                #expect(response.status == status, "\(method) \(path): \(response.status) \(response.body)")
                #expect(response.headers.lowercased().contains("content-type: application/json"), "\(method) \(path): \(response.headers)")
                let error = try? Service.decode(Service.ErrorBody.self, response.body)
                #expect(error?.message.isEmpty == false, "\(method) \(path): \(response.body)")
                if let allow { #expect(response.headers.contains("Allow: \(allow)"), "\(method) \(path): \(response.headers)") }
            }
            // WHIP's refusals are the same JSON.
            for (method, path, headers, body, status) in [
                ("POST", "/whip/room", [Self.auth, "Content-Type: text/plain"], "v=0", 415),
                ("POST", "/whip/room", [Self.auth, "Content-Type: application/sdp"], "v=0\r\n", 400),
                ("DELETE", "/whip/room/nosession", [Self.auth], nil, 404),
                ("PATCH", "/whip/room/nosession", [Self.auth, "Content-Type: application/trickle-ice-sdpfrag"], "a=ice-ufrag:x\r\n", 404),
                ("POST", "/whip/room", ["Content-Type: application/sdp"], "v=0\r\n", 401),
            ] as [(String, String, [String], String?, Int)] {
                let response = try app.http(method, path, body: body, headers: headers)
                let error = try? Service.decode(Service.ErrorBody.self, response.body)
                #expect(response.status == status && error != nil && response.headers.lowercased().contains("application/json"),
                        "\(method) \(path): \(response.status) \(response.body)")
            }
        }
    }

    @Test func renderRangesAreCheckedAgainstTheDumpWhenAsked() async throws {
        let (dump, _) = try RenderInteropTests.importCapture("avsync.pcap", names: ["kim"])
        try await InProcessApp.with({ $0.apiKeys = [Self.key] }) { app in
            let uploads = app.dataDirectory + "/uploads"
            try FileManager.default.createDirectory(atPath: uploads, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: dump, toPath: uploads + "/rangecheck1.rtpd")
            for (range, accepted, mentions) in [(#""from": 500, "to": 600"#, false, "the dump holds"), (#""from": 2, "to": 1"#, false, "to must be after from"),
                                                (#""from": 1, "to": 2"#, true, "")] {
                let response = try app.http("POST", "/v1/renders", body: #"{"uploadId": "rangecheck1", \#(range)}"#, headers: [Self.auth, Self.json])
                #expect((response.status == 201) == accepted && (mentions.isEmpty || response.body.contains(mentions)), "\(range): \(response.status) \(response.body)")
            }
        }
    }

    @Test func urlsAreAbsoluteFromThePublicURLOrTheHost() async throws {
        try await InProcessApp.with({ $0.apiKeys = [Self.key]; $0.publicURL = "https://rec.example.com" }) { app in
            let issued = try app.http("POST", "/v1/rooms/standup/tokens", body: #"{"name": "ann"}"#, headers: [Self.auth, Self.json])
            #expect(issued.body.contains(#""callUrl":"https://rec.example.com/call/standup?token="#), "\(issued.body)")
            #expect(issued.body.contains(#""webSocketUrl":"wss://rec.example.com/v1/rooms/standup/ws?token="#), "\(issued.body)")
        }
        try await InProcessApp.with({ $0.apiKeys = [Self.key] }) { app in
            let issued = try app.http("POST", "/v1/rooms/standup/tokens", body: #"{"name": "ann"}"#, headers: [Self.auth, Self.json])
            #expect(issued.body.contains(#""callUrl":"\#(app.base)/call/standup?token="#), "\(issued.body)")
            let hostile = try app.http("POST", "/v1/rooms/standup/tokens", body: #"{"name": "ann"}"#, headers: [Self.auth, Self.json, "Host: evil\"><script>"])
            #expect(!hostile.body.contains("evil"), "a Host that is not a host is not echoed: \(hostile.body)")
        }
    }

    /// The document and the router agree: every documented operation is answered by a route.
    @Test func everyDocumentedRouteIsAnswered() async throws {
        let file = try Data(contentsOf: ServerProcess.projectRoot.appendingPathComponent("docs/openapi.json"))
        let paths = try #require((try JSONSerialization.jsonObject(with: file) as? [String: Any])?["paths"] as? [String: [String: Any]])
        try await InProcessApp.with({ $0.apiKeys = [Self.key] }) { app in
            for (template, operations) in paths {
                let path = template.replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
                for method in ["get", "post", "put", "patch", "delete", "options"] where operations[method] != nil {
                    let response = try app.http(method.uppercased(), path, body: method == "get" || method == "delete" || method == "options" ? nil : "{}",
                                                headers: [Self.auth])
                    #expect(response.status != 405 && !response.body.contains("no route"), "\(method) \(template): \(response.status) \(response.body.prefix(200))")
                }
            }
        }
    }
}
