import Foundation
import HTTPTypes

/// Every route the service answers, read from the OpenAPI document it
/// serves: one list for the document, the `Allow` header of a 405 and the
/// test that every documented route is answered. A path template such as
/// `/v1/recordings/{id}` matches any one segment where it names a parameter.
struct RouteCatalog: Sendable {
    struct Route: Sendable {
        var segments: [String]
        var methods: [String]
    }

    let routes: [Route]

    init(openAPI json: String) {
        guard let document = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let paths = document["paths"] as? [String: Any] else {
            routes = []
            return
        }
        let verbs = ["get", "head", "post", "put", "patch", "delete", "options"]
        routes = paths.compactMap { path, item in
            guard let operations = item as? [String: Any] else { return nil }
            let methods = verbs.filter { operations[$0] != nil }.map { $0.uppercased() }
            return Route(segments: Self.segments(path), methods: methods)
        }
    }

    static let shared = RouteCatalog(openAPI: OpenAPIDocument.json)

    /// The methods a path has, or nil when no route has that path at all.
    func methods(for path: String) -> [String]? {
        let parts = Self.segments(path)
        let matching = routes.filter { route in
            route.segments.count == parts.count && zip(route.segments, parts).allSatisfy { template, part in
                template.hasPrefix("{") || template == part
            }
        }
        guard !matching.isEmpty else { return nil }
        var methods = Set(matching.flatMap(\.methods))
        if methods.contains("GET") { methods.insert("HEAD") }
        return ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter(methods.contains)
    }

    private static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
