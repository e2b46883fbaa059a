package com.agentmarket.billing.application.notification;

import com.agentmarket.billing.application.notification.port.in.DeliverNotifications;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.application.notification.port.out.Notifier;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.WorkerIdentity;
import com.agentmarket.billing.application.shared.port.out.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Claims due notifications, sends each outside any transaction, records the outcome. */
@ApplicationScoped
class DeliverNotificationsService implements DeliverNotifications {

    private static final Logger LOG = Logger.getLogger(DeliverNotificationsService.class.getName());
    static final int BATCH = 20;
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 10;

    private final NotificationOutbox outbox;
    private final Notifier notifier;
    private final InTransaction tx;
    private final Clock clock;
    private final WorkerIdentity worker;

    @Inject
    DeliverNotificationsService(NotificationOutbox outbox, Notifier notifier, InTransaction tx, Clock clock,
            WorkerIdentity worker) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.tx = tx;
        this.clock = clock;
        this.worker = worker;
    }

    /** For CDI's client proxy. */
    protected DeliverNotificationsService() {
        this(null, null, null, null, null);
    }

    @Override
    public int deliverDue() {
        List<NotificationOutbox.Claimed> due = tx.call(() -> outbox.claimDue(BATCH, clock.now(), LEASE, worker.id()));
        for (NotificationOutbox.Claimed claimed : due) {
            deliver(claimed.notification(), claimed.attempts());
        }
        return due.size();
    }

    private void deliver(Notification notification, int attempts) {
        if (notification.recipient().isEmpty()) {
            LOG.warning(() -> "No e-mail address for " + notification.customer() + "; notification " + notification.key()
                    + " not sent");
            tx.call(() -> {
                outbox.failed(notification.key(), worker.id(), "the customer has no e-mail address", Optional.empty(),
                        clock.now());
                return null;
            });
            return;
        }
        try {
            notifier.send(notification.recipient().get(), notification.subject(), notification.body());
            tx.call(() -> {
                outbox.sent(notification.key(), worker.id(), clock.now());
                return null;
            });
        } catch (RuntimeException failure) {
            LOG.warning(() -> "Sending notification " + notification.key() + " failed: " + failure.getMessage());
            Optional<java.time.Instant> retryAt = attempts >= MAX_ATTEMPTS ? Optional.empty()
                    : Optional.of(clock.now().plus(Duration.ofSeconds(Math.min(3600, 15L << Math.min(attempts, 8)))));
            tx.call(() -> {
                outbox.failed(notification.key(), worker.id(), String.valueOf(failure.getMessage()), retryAt, clock.now());
                return null;
            });
        }
    }
}
