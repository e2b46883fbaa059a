package com.agentmarket.billing.adapter.in.rest.operations;

import com.agentmarket.billing.application.work.WorkKind;
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

    /** A gauge of the backlogs; NaN while they have never been readable (the database away since startup). */
    private void gauge(String name, java.util.function.ToLongFunction<Backlogs.Snapshot> value) {
        registry.gauge(name, backlogs, b -> b.now().map(now -> (double) value.applyAsLong(now)).orElse(Double.NaN));
    }

    private void workGauge(String name, Tag kind, java.util.function.ToLongFunction<Backlogs.Snapshot> value) {
        registry.gauge(name, backlogs, b -> b.now().map(now -> (double) value.applyAsLong(now)).orElse(Double.NaN), kind);
    }

    void registerGauges(@Observes Startup startup) {
        gauge("billing_usage_backlog_executions", now -> now.usage().executions());
        gauge("billing_usage_backlog_age_seconds", Backlogs.Snapshot::usageAgeSeconds);
        gauge("billing_usage_reports_failed", now -> now.usage().failedReports());
        gauge("billing_webhook_backlog_events", now -> now.webhooks().open());
        gauge("billing_webhook_backlog_age_seconds", Backlogs.Snapshot::webhookAgeSeconds);
        gauge("billing_webhook_events_dead", now -> now.webhooks().dead());
        gauge("billing_operator_flags_open", Backlogs.Snapshot::openFlags);
        for (WorkKind kind : WorkKind.values()) {
            Tag tag = new Tag("kind", kind.label());
            workGauge("billing_work_backlog", tag, now -> now.of(kind).open());
            workGauge("billing_work_dead", tag, now -> now.of(kind).dead());
            workGauge("billing_work_oldest_age_seconds", tag, now -> now.of(kind).oldestAgeSeconds(now.at()));
        }
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
