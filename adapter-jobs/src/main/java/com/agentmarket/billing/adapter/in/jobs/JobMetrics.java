package com.agentmarket.billing.adapter.in.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** What the background jobs count on {@code /metrics} (scope {@code application}). */
@ApplicationScoped
class JobMetrics {

    private final MetricRegistry registry;

    @Inject
    JobMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** For CDI's client proxy. */
    protected JobMetrics() {
        this(null);
    }

    void webhookEventsHandled(int events) {
        registry.counter("billing_webhook_events_handled").inc(events);
    }

    void usageReported(int reports, int failures) {
        registry.counter("billing_usage_reports_sent").inc(reports);
        registry.counter("billing_usage_report_failures").inc(failures);
    }
}
