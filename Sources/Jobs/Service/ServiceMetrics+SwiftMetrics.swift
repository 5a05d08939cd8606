import CoreMetrics
import Prometheus
import Telemetry

extension ServiceMetrics {
    /// Makes this registry the backend of swift-metrics, which the limits'
    /// refusal counters (`Telemetry.Limit`) are counted through, and shows
    /// every limit at 0. Once per process: `tessera serve` calls it.
    public func bootstrapSwiftMetrics() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        Limit.registerAll()
    }
}
