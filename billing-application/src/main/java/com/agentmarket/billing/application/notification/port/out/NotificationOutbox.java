package com.agentmarket.billing.application.notification.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notifications queued in the database with the change that caused them, and sent afterwards. */
public interface NotificationOutbox {

    /** Queues the notification unless one with its key was queued before; returns whether it was new. */
    boolean enqueue(Notification notification, Instant now);

    /** Claims up to {@code max} unsent notifications for {@code worker} until {@code now + lease}, counting an attempt. */
    List<Claimed> claimDue(int max, Instant now, Duration lease, String worker);

    /** A claimed notification and how many times sending it was attempted, this one included. */
    record Claimed(Notification notification, int attempts) {
    }

    void sent(String key, String worker, Instant now);

    /** Sending failed: try again at {@code retryAt}, or give up when empty. */
    void failed(String key, String worker, String error, Optional<Instant> retryAt, Instant now);
}
