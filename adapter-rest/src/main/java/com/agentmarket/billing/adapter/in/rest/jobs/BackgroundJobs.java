package com.agentmarket.billing.adapter.in.rest.jobs;

import com.agentmarket.billing.application.notification.port.in.DeliverNotifications;
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
 * ({@code BILLING_WEBHOOK_POLL_MS}) and the notification outbox. Each run drains what is due; a failing run is
 * logged and the schedule goes on. Every server runs them; the claims in the database keep them apart.
 */
@ApplicationScoped
public class BackgroundJobs {

    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());
    private static final long NOTIFICATION_POLL_MILLIS = 1000;
    private static final int MAX_ROUNDS_PER_RUN = 100;

    private final ProcessWebhookEvents webhookEvents;
    private final DeliverNotifications notifications;
    private final long webhookPollMillis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    public BackgroundJobs(ProcessWebhookEvents webhookEvents, DeliverNotifications notifications,
            @ConfigProperty(name = "BILLING_WEBHOOK_POLL_MS", defaultValue = "500") long webhookPollMillis) {
        this.webhookEvents = webhookEvents;
        this.notifications = notifications;
        this.webhookPollMillis = webhookPollMillis;
    }

    /** For CDI's client proxy. */
    protected BackgroundJobs() {
        this(null, null, 0);
    }

    void start(@Observes Startup startup) {
        schedule("webhook inbox", webhookEvents::processDue, webhookPollMillis);
        schedule("notification outbox", notifications::deliverDue, NOTIFICATION_POLL_MILLIS);
    }

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
