package com.agentmarket.billing.adapter.out.persistence.notification;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The outbox in the {@code notification} table: keyed, so a notification is queued once; sent as due work. */
@ApplicationScoped
class JpaNotificationOutbox implements NotificationOutbox {

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
    public List<Notification> find(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select n from NotificationEntity n where n.key in :keys order by n.createdAt",
                        NotificationEntity.class)
                .setParameter("keys", keys)
                .getResultStream()
                .map(n -> new Notification(n.key, new CustomerId(n.customerId), Optional.ofNullable(n.recipient).map(Email::new),
                        n.subject, n.body))
                .toList();
    }
}
