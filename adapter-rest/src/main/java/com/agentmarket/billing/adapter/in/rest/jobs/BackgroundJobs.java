package com.agentmarket.billing.adapter.in.rest.jobs;

import com.agentmarket.billing.adapter.in.rest.operations.BillingMetrics;
import com.agentmarket.billing.application.notification.port.in.DeliverNotifications;
import com.agentmarket.billing.application.usage.port.in.ReportUsage;
import com.agentmarket.billing.application.webhook.port.in.ProcessWebhookEvents;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The background work that drives use cases on a schedule, on the server's managed executor: the webhook inbox
 * ({@code BILLING_WEBHOOK_POLL_MS}), the notification outbox and the usage reporter ({@code BILLING_USAGE_REPORT_MS}). Each run drains what is due; a failing run is
 * logged and the schedule goes on. Every server runs them; the claims in the database keep them apart.
 */
@ApplicationScoped
public class BackgroundJobs {

    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());
    private static final long NOTIFICATION_POLL_MILLIS = 1000;
    private static final int MAX_ROUNDS_PER_RUN = 100;

    private final BillingMetrics metrics;
    private final ProcessWebhookEvents webhookEvents;
    private final DeliverNotifications notifications;
    private final ReportUsage usageReports;
    private final long webhookPollMillis;
    private final long usageReportMillis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    public BackgroundJobs(BillingMetrics metrics, ProcessWebhookEvents webhookEvents, DeliverNotifications notifications,
            ReportUsage usageReports,
            @ConfigProperty(name = "BILLING_WEBHOOK_POLL_MS", defaultValue = "500") long webhookPollMillis,
            @ConfigProperty(name = "BILLING_USAGE_REPORT_MS", defaultValue = "1000") long usageReportMillis) {
        this.metrics = metrics;
        this.webhookEvents = webhookEvents;
        this.notifications = notifications;
        this.usageReports = usageReports;
        this.webhookPollMillis = webhookPollMillis;
        this.usageReportMillis = usageReportMillis;
    }

    /** For CDI's client proxy. */
    protected BackgroundJobs() {
        this(null, null, null, null, 0, 0);
    }

    void start(@Observes Startup startup) {
        schedule("webhook inbox", () -> {
            int handled = webhookEvents.processDue();
            metrics.webhookEventsHandled(handled);
            return handled;
        }, webhookPollMillis);
        schedule("notification outbox", notifications::deliverDue, NOTIFICATION_POLL_MILLIS);
        schedule("usage reporter", () -> {
            ReportUsage.Round round = usageReports.reportDue();
            metrics.usageReported(round.sent(), round.failed());
            return round.sent() + round.executionsGrouped();
        }, usageReportMillis);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // runs for the application's life; the job logs its own failures
    private void schedule(String name, IntSupplier drainOnce, long periodMillis) {
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
