package com.agentmarket.billing.adapter.in.operations;

import com.agentmarket.billing.application.work.WorkKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The backlogs as gauges on {@code /metrics} (scope {@code application}), read through {@link Backlogs}. */
@ApplicationScoped
class BacklogGauges {

    private final MetricRegistry registry;
    private final Backlogs backlogs;

    @Inject
    BacklogGauges(MetricRegistry registry, Backlogs backlogs) {
        this.registry = registry;
        this.backlogs = backlogs;
    }

    /** For CDI's client proxy. */
    protected BacklogGauges() {
        this(null, null);
    }

    /** A gauge of the backlogs; NaN while they have never been readable (the database away since startup). */
    private void gauge(String name, ToLongFunction<Backlogs.Snapshot> value, Tag... tags) {
        registry.gauge(name, backlogs, b -> b.now().map(now -> (double) value.applyAsLong(now)).orElse(Double.NaN), tags);
    }

    void register(@Observes Startup startup) {
        gauge("billing_usage_backlog_executions", now -> now.usage().executions());
        gauge("billing_usage_backlog_age_seconds", Backlogs.Snapshot::usageAgeSeconds);
        gauge("billing_usage_reports_failed", now -> now.usage().failedReports());
        gauge("billing_webhook_backlog_events", now -> now.webhooks().open());
        gauge("billing_webhook_backlog_age_seconds", Backlogs.Snapshot::webhookAgeSeconds);
        gauge("billing_webhook_events_dead", now -> now.webhooks().dead());
        gauge("billing_operator_flags_open", Backlogs.Snapshot::openFlags);
        gauge("billing_usage_drift_executions", Backlogs.Snapshot::usageDrift);
        for (WorkKind kind : WorkKind.values()) {
            Tag tag = new Tag("kind", kind.label());
            gauge("billing_work_backlog", now -> now.of(kind).open(), tag);
            gauge("billing_work_dead", now -> now.of(kind).dead(), tag);
            gauge("billing_work_oldest_age_seconds", now -> now.of(kind).oldestAgeSeconds(now.at()), tag);
        }
    }
}
