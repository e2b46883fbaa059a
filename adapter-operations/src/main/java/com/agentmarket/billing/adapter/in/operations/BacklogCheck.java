package com.agentmarket.billing.adapter.in.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The webhook and usage backlogs in the health details. Informational: always UP, since a backlog is exactly what
 * the service keeps working through while Stripe is away; readiness depends on the database only.
 */
@Readiness
@ApplicationScoped
public class BacklogCheck implements HealthCheck {

    private final Backlogs backlogs;

    @Inject
    public BacklogCheck(Backlogs backlogs) {
        this.backlogs = backlogs;
    }

    /** For CDI's client proxy. */
    protected BacklogCheck() {
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Backlogs.Snapshot> read = backlogs.now();
        if (read.isEmpty()) {
            return HealthCheckResponse.named("backlogs").up().withData("backlogs", "unreadable: the database does not answer")
                    .build();
        }
        Backlogs.Snapshot now = read.get();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backlogs").up()
                .withData("webhook_events_waiting", now.webhooks().open())
                .withData("webhook_events_dead", now.webhooks().dead())
                .withData("webhook_oldest_age_seconds", now.webhookAgeSeconds())
                .withData("usage_executions_unreported", now.usage().executions())
                .withData("usage_reports_failed", now.usage().failedReports())
                .withData("usage_oldest_age_seconds", now.usageAgeSeconds())
                .withData("operator_flags_open", now.openFlags());
        now.work().forEach(work -> response.withData(work.kind().label() + "_waiting", work.waiting())
                .withData(work.kind().label() + "_retrying", work.retrying())
                .withData(work.kind().label() + "_dead", work.dead())
                .withData(work.kind().label() + "_oldest_age_seconds", work.oldestAgeSeconds(now.at())));
        if (now.usageDrift() > 0) {
            response.withData("usage_drift_executions", now.usageDrift());
        }
        now.warning().ifPresent(warning -> response.withData("warning", warning));
        return response.build();
    }
}
