import Prometheus

/// The service's Prometheus metrics (`/metrics`). Job counts by state are
/// read from the store at each scrape; the rest are counted as things happen.
public final class ServiceMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let webhookFailures: Counter
    let webhookDeliveries: Counter
    let jobsRefused: Counter
    let renderSpeed: Gauge
    let framesDropped: Counter
    let liveFramesSkipped: Counter
    let packetsRecorded: Counter
    let bytesRecorded: Counter
    let uploadedBytes: Counter
    let uploadFailures: Counter
    let dumpPartsShipped: Counter
    let streamFailures: Counter
    let streamConnections: Counter

    public init() {
        webhookFailures = registry.makeCounter(descriptor: Self.named("tessera_webhook_failures_total", "Webhook delivery attempts that failed."))
        webhookDeliveries = registry.makeCounter(descriptor: Self.named("tessera_webhook_deliveries_total", "Webhooks delivered."))
        jobsRefused = registry.makeCounter(descriptor: Self.named("tessera_jobs_refused_total", "Jobs refused by admission control or the disk floor."))
        renderSpeed = registry.makeGauge(descriptor: Self.named("tessera_render_speed", "Output seconds per wall second of the last finished render."))
        framesDropped = registry.makeCounter(descriptor: Self.named("tessera_frames_dropped_total", "Video frames the renderer could not show (lost or undecodable)."))
        liveFramesSkipped = registry.makeCounter(descriptor: Self.named("tessera_live_frames_skipped_total",
                                                                       "Output frames live renders did not draw because they were behind the call."))
        packetsRecorded = registry.makeCounter(descriptor: Self.named("tessera_recorded_packets_total", "RTP packets written to recordings' dumps."))
        bytesRecorded = registry.makeCounter(descriptor: Self.named("tessera_recorded_bytes_total", "Bytes written to recordings' dumps."))
        uploadedBytes = registry.makeCounter(descriptor: Self.named("tessera_uploaded_bytes_total", "Bytes of job files the bucket confirmed."))
        uploadFailures = registry.makeCounter(descriptor: Self.named("tessera_upload_failures_total", "File uploads to object storage that failed (each is retried)."))
        dumpPartsShipped = registry.makeCounter(descriptor: Self.named("tessera_dump_parts_shipped_total", "Parts of live dumps stored in the bucket."))
        streamFailures = registry.makeCounter(descriptor: Self.named("tessera_stream_failures_total",
                                                                     "Connection attempts and live streams to RTMP/SRT destinations that failed (each is retried)."))
        streamConnections = registry.makeCounter(descriptor: Self.named("tessera_stream_connections_total", "Live stream connections that went live."))
    }

    func setJobCounts(_ counts: [JobState: Int]) {
        for state in JobState.allCases {
            registry.makeGauge(descriptor: Self.named("tessera_jobs", "Jobs in each state."), labels: [("state", state.rawValue)])
                .set(Double(counts[state] ?? 0))
        }
    }

    public func gauge(_ name: String, help: String) -> Gauge { registry.makeGauge(descriptor: Self.named(name, help)) }

    static func named(_ name: String, _ help: String) -> MetricNameDescriptor { MetricNameDescriptor(metricName: name, unitName: "", helpText: help) }
}
