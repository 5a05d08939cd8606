import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import NIOCore
import WebRTCDriver

/// What operators and their tools ask: `/healthz` (the process answers),
/// `/readyz` (it takes jobs), `/metrics` (Prometheus text), `/openapi.json`,
/// and the jobs page at `/`. None of them needs the API key: they show no
/// recording's content (the page asks the API, with the key, for that).
public enum OperationsRoutes {
    public static func add<Context: RequestContext>(to router: Router<Context>, service: JobService, media: UDPMediaServer, metrics: ServiceMetrics) {
        let datagrams = metrics.gauge("tessera_udp_datagrams_received", help: "UDP datagrams received on the media ports.")
        let unrouted = metrics.gauge("tessera_udp_datagrams_unrouted", help: "UDP datagrams that matched no connection.")
        let connections = metrics.gauge("tessera_webrtc_connections", help: "Publisher connections open.")
        let load = metrics.gauge("tessera_capacity_used", help: "Capacity units used by running jobs.")
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            let ready = await service.isAccepting
            return text(ready ? .ok : .serviceUnavailable, ready ? "ready\n" : "shutting down\n")
        }
        router.get("metrics") { _, _ -> Response in
            await service.refreshMetrics()
            if let statistics = try? await media.statistics.get() {
                datagrams.set(Double(statistics.datagrams))
                unrouted.set(Double(statistics.unrouted))
                connections.set(Double(statistics.connections))
            }
            load.set(Double(await service.currentLoad))
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        router.get("openapi.json") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("/") { _, _ -> Response in
            Response(status: .ok, headers: PageHeaders.html(cache: "no-cache"), body: .init(byteBuffer: ByteBuffer(string: JobsPage.html)))
        }
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
