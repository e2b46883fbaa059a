package com.agentmarket.billing.adapter.in.rest.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The service's own metrics on {@code /metrics} (scope {@code application}): what the driving side counts, and the
 * backlogs as gauges. Stripe calls are timed in the Stripe adapter.
 */
@ApplicationScoped
public class BillingMetrics {

    private final MetricRegistry registry;
    private final Backlogs backlogs;
    /** The execution counters by outcome, looked up once: they are counted on the hot path. */
    private final Map<String, Counter> executions = new ConcurrentHashMap<>();

    @Inject
    public BillingMetrics(MetricRegistry registry, Backlogs backlogs) {
        this.registry = registry;
        this.backlogs = backlogs;
    }

    /** For CDI's client proxy. */
    protected BillingMetrics() {
        this(null, null);
    }

    void registerGauges(@Observes Startup startup) {
        registry.gauge("billing_usage_backlog_executions", backlogs, b -> b.now().usage().executions());
        registry.gauge("billing_usage_backlog_age_seconds", backlogs, b -> b.now().usageAgeSeconds());
        registry.gauge("billing_usage_reports_failed", backlogs, b -> b.now().usage().failedReports());
        registry.gauge("billing_webhook_backlog_events", backlogs,
                b -> b.now().webhooks().received() + b.now().webhooks().retrying());
        registry.gauge("billing_webhook_backlog_age_seconds", backlogs, b -> b.now().webhookAgeSeconds());
        registry.gauge("billing_webhook_events_dead", backlogs, b -> b.now().webhooks().dead());
        registry.gauge("billing_operator_flags_open", backlogs, b -> b.now().openFlags());
    }

    /** An answer to an execution: admitted, quota_exceeded (a quota denial) or account_suspended; a repeated id answers again. */
    public void execution(String outcome) {
        executions.computeIfAbsent(outcome, key -> registry.counter("billing_executions", new Tag("outcome", key))).inc();
    }

    /** A webhook delivery: stored, duplicate or refused. */
    public void webhookReceived(String outcome) {
        registry.counter("billing_webhook_events_received", new Tag("outcome", outcome)).inc();
    }

    public void webhookEventsHandled(int events) {
        registry.counter("billing_webhook_events_handled").inc(events);
    }

    public void usageReported(int reports, int failures) {
        registry.counter("billing_usage_reports_sent").inc(reports);
        registry.counter("billing_usage_report_failures").inc(failures);
    }
}
