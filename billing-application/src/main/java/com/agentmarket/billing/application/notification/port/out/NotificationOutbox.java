package com.agentmarket.billing.application.notification.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Notifications queued in the database with the change that caused them, and sent afterwards as due work
 * ({@link com.agentmarket.billing.application.work.WorkKind#NOTIFICATION}).
 */
public interface NotificationOutbox {

    /** Queues the notification unless one with its key was queued before; returns whether it was new. */
    boolean enqueue(Notification notification, Instant now);

    /** The queued notifications with these keys (those that exist). */
    List<Notification> find(Collection<String> keys);
}
