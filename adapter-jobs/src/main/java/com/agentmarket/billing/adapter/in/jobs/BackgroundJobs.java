package com.agentmarket.billing.adapter.in.jobs;

import com.agentmarket.billing.application.notification.port.in.DeliverNotifications;
import com.agentmarket.billing.application.reconciliation.port.in.ReconcileUsage;
import com.agentmarket.billing.application.usage.port.in.ReportUsage;
import com.agentmarket.billing.application.webhook.port.in.ProcessWebhookEvents;
import com.agentmarket.billing.application.work.DueWorkSettings;
import com.agentmarket.billing.application.work.WorkKind;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background work that drives use cases on a schedule, on the server's managed executor: one job per kind of
 * due work, each at its poll interval. Each run drains what is due; a failing run is
 * logged and the schedule goes on. Every server runs them; the claims in the database keep them apart.
 */
@ApplicationScoped
class BackgroundJobs {

    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());
    private static final int MAX_ROUNDS_PER_RUN = 100;

    private final JobMetrics metrics;
    private final ProcessWebhookEvents webhookEvents;
    private final DeliverNotifications notifications;
    private final ReportUsage usageReports;
    private final ReconcileUsage reconciliation;
    private final DueWorkSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    BackgroundJobs(JobMetrics metrics, ProcessWebhookEvents webhookEvents, DeliverNotifications notifications,
            ReportUsage usageReports, ReconcileUsage reconciliation, DueWorkSettings settings) {
        this.metrics = metrics;
        this.webhookEvents = webhookEvents;
        this.notifications = notifications;
        this.usageReports = usageReports;
        this.reconciliation = reconciliation;
        this.settings = settings;
    }

    /** For CDI's client proxy. */
    protected BackgroundJobs() {
        this(null, null, null, null, null, null);
    }

    void start(@Observes Startup startup) {
        schedule(WorkKind.WEBHOOK_EVENT, () -> {
            int handled = webhookEvents.processDue();
            metrics.webhookEventsHandled(handled);
            return handled;
        });
        schedule(WorkKind.NOTIFICATION, notifications::deliverDue);
        schedule(WorkKind.USAGE_REPORT, () -> {
            ReportUsage.Round round = usageReports.reportDue();
            metrics.usageReported(round.sent(), round.failed());
            return round.sent() + round.executionsGrouped();
        });
        schedule(WorkKind.USAGE_RECONCILIATION, () -> {
            ReconcileUsage.Run run = reconciliation.reconcileDue();
            return run.queued() + run.compared();
        });
    }

    @SuppressWarnings("FutureReturnValueIgnored") // runs for the application's life; the job logs its own failures
    private void schedule(WorkKind kind, IntSupplier drainOnce) {
        String name = kind.label();
        long periodMillis = settings.of(kind).pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                for (int round = 0; round < MAX_ROUNDS_PER_RUN && drainOnce.getAsInt() > 0; round++) {
                    // keep draining while there is work
                }
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "The " + name + " job failed; it runs again in " + periodMillis + " ms", failure);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Started the " + name + " job, every " + periodMillis + " ms");
    }
}
