package com.agentmarket.billing.adapter.out.persistence.notification;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox in the {@code notification} table: keyed, so a notification is queued once; claimed like the inbox. */
@ApplicationScoped
class JpaNotificationOutbox implements NotificationOutbox {

    private static final int MAX_ERROR_LENGTH = 1000;

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaNotificationOutbox() {
    }

    /** For tests outside the container. */
    JpaNotificationOutbox(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean enqueue(Notification notification, Instant now) {
        return em.createNativeQuery("insert into notification (notification_key, customer_id, recipient, subject, body, "
                        + "status, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) "
                        + "on conflict do nothing")
                .setParameter(1, notification.key())
                .setParameter(2, notification.customer().value())
                .setParameter(3, notification.recipient().map(Email::value).orElse(null))
                .setParameter(4, notification.subject())
                .setParameter(5, notification.body())
                .setParameter(6, toColumn(now))
                .setParameter(7, toColumn(now))
                .executeUpdate() == 1;
    }

    @Override
    public List<Claimed> claimDue(int max, Instant now, Duration lease, String worker) {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("select notification_key from notification where status = 'PENDING' "
                        + "and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?) "
                        + "order by created_at limit ? for update skip locked")
                .setParameter(1, toColumn(now))
                .setParameter(2, toColumn(now))
                .setParameter(3, max)
                .getResultList();
        if (keys.isEmpty()) {
            return List.of();
        }
        em.createQuery("update NotificationEntity n set n.attempts = n.attempts + 1, n.claimedBy = :worker, "
                        + "n.claimedUntil = :until where n.key in :keys")
                .setParameter("worker", worker)
                .setParameter("until", toColumn(now.plus(lease)))
                .setParameter("keys", keys)
                .executeUpdate();
        return em.createQuery("select n from NotificationEntity n where n.key in :keys order by n.createdAt",
                        NotificationEntity.class)
                .setParameter("keys", keys)
                .getResultStream()
                .peek(em::refresh)
                .map(n -> new Claimed(new Notification(n.key, new CustomerId(n.customerId),
                        Optional.ofNullable(n.recipient).map(Email::new), n.subject, n.body), n.attempts))
                .toList();
    }

    @Override
    public void sent(String key, String worker, Instant now) {
        em.createQuery("update NotificationEntity n set n.status = 'SENT', n.sentAt = :now, n.claimedBy = null, "
                        + "n.claimedUntil = null, n.nextAttemptAt = null where n.key = :key and n.claimedBy = :worker")
                .setParameter("now", toColumn(now))
                .setParameter("key", key)
                .setParameter("worker", worker)
                .executeUpdate();
    }

    @Override
    public void failed(String key, String worker, String error, Optional<Instant> retryAt, Instant now) {
        em.createQuery("update NotificationEntity n set n.status = :status, n.lastError = :error, n.nextAttemptAt = :retryAt, "
                        + "n.claimedBy = null, n.claimedUntil = null where n.key = :key and n.claimedBy = :worker")
                .setParameter("status", retryAt.isPresent() ? "PENDING" : "FAILED")
                .setParameter("error", error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error)
                .setParameter("retryAt", toColumn(retryAt.orElse(null)))
                .setParameter("key", key)
                .setParameter("worker", worker)
                .executeUpdate();
    }
}
