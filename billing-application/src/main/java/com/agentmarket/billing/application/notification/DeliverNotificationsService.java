package com.agentmarket.billing.application.notification;

import com.agentmarket.billing.application.notification.port.in.DeliverNotifications;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.application.notification.port.out.Notifier;
import com.agentmarket.billing.application.work.DueWorkHandler;
import com.agentmarket.billing.application.work.DueWorkRunner;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Sends due notifications, each outside any transaction; a failed one is retried with the outbox's retry policy. */
@ApplicationScoped
class DeliverNotificationsService implements DeliverNotifications, DueWorkHandler<Notification> {

    private final NotificationOutbox outbox;
    private final Notifier notifier;
    private final DueWorkRunner runner;

    @Inject
    DeliverNotificationsService(NotificationOutbox outbox, Notifier notifier, DueWorkRunner runner) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.runner = runner;
    }

    /** For CDI's client proxy. */
    protected DeliverNotificationsService() {
        this(null, null, null);
    }

    @Override
    public int deliverDue() {
        return runner.runDue(this).claimed();
    }

    @Override
    public WorkKind kind() {
        return WorkKind.NOTIFICATION;
    }

    @Override
    public Map<String, Notification> load(Collection<String> keys) {
        return outbox.find(keys).stream().collect(Collectors.toMap(Notification::key, Function.identity()));
    }

    @Override
    public WorkOutcome perform(Notification notification, int attempts) {
        if (notification.recipient().isEmpty()) {
            return new WorkOutcome.GiveUp("the customer has no e-mail address");
        }
        notifier.send(notification.recipient().get(), notification.subject(), notification.body());
        return WorkOutcome.done();
    }
}
