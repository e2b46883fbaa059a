package com.agentmarket.billing.adapter.out.persistence.webhook;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The inbox in the {@code webhook_event} table. Its rows are due work too: claimed, completed and retried through
 * {@code SqlDueWork}.
 */
@ApplicationScoped
class JpaWebhookInbox implements WebhookInbox {

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaWebhookInbox() {
    }

    /** For tests outside the container. */
    JpaWebhookInbox(EntityManager em) {
        this.em = em;
    }

    /** Nullable parameters are cast: a bound null has no type of its own for PostgreSQL. */
    @Override
    public boolean store(VerifiedEvent event, String payload, Optional<String> ignored, Instant now) {
        return em.createNativeQuery("insert into webhook_event (event_id, type, livemode, api_version, object_id, "
                        + "invoice_attempt, stripe_created, payload, status, attempts, outcome, next_attempt_at, received_at, "
                        + "processed_at) values (?, ?, ?, ?, ?, cast(? as integer), ?, ?, ?, 0, ?, "
                        + "cast(? as timestamp with time zone), ?, cast(? as timestamp with time zone)) on conflict do nothing")
                .setParameter(1, event.id())
                .setParameter(2, event.type())
                .setParameter(3, event.livemode())
                .setParameter(4, event.apiVersion().orElse(null))
                .setParameter(5, event.objectId().orElse(null))
                .setParameter(6, event.invoiceAttempt().isPresent() ? event.invoiceAttempt().getAsInt() : null)
                .setParameter(7, toColumn(event.created()))
                .setParameter(8, payload)
                .setParameter(9, (ignored.isPresent() ? InboxEvent.Status.PROCESSED : InboxEvent.Status.RECEIVED).name())
                .setParameter(10, ignored.orElse(null))
                .setParameter(11, ignored.isPresent() ? null : toColumn(now))
                .setParameter(12, toColumn(now))
                .setParameter(13, ignored.isPresent() ? toColumn(now) : null)
                .executeUpdate() == 1;
    }

    @Override
    public Optional<InboxEvent> find(String eventId) {
        return Optional.ofNullable(em.find(WebhookEventEntity.class, eventId)).map(JpaWebhookInbox::toInboxEvent);
    }

    @Override
    public List<InboxEvent> recentFor(java.util.Set<String> objectIds, int max) {
        if (objectIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e from WebhookEventEntity e where e.objectId in :objects "
                        + "order by e.stripeCreated desc, e.eventId", WebhookEventEntity.class)
                .setParameter("objects", objectIds)
                .setMaxResults(max)
                .getResultStream()
                .map(JpaWebhookInbox::toInboxEvent)
                .toList();
    }

    @Override
    public Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size) {
        String where = status.isPresent() ? " where e.status = :status" : "";
        TypedQuery<WebhookEventEntity> query = em.createQuery(
                "select e from WebhookEventEntity e" + where + " order by e.receivedAt desc, e.eventId", WebhookEventEntity.class);
        TypedQuery<Long> count = em.createQuery("select count(e) from WebhookEventEntity e" + where, Long.class);
        status.ifPresent(s -> {
            query.setParameter("status", s);
            count.setParameter("status", s);
        });
        List<InboxEvent> items = query.setFirstResult(page * size).setMaxResults(size).getResultStream()
                .map(JpaWebhookInbox::toInboxEvent).toList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    static InboxEvent toInboxEvent(WebhookEventEntity e) {
        VerifiedEvent event = new VerifiedEvent(e.eventId, e.type, e.livemode, Optional.ofNullable(e.apiVersion),
                fromColumn(e.stripeCreated), Optional.ofNullable(e.objectId),
                e.invoiceAttempt == null ? OptionalInt.empty() : OptionalInt.of(e.invoiceAttempt));
        return new InboxEvent(event, e.status, e.attempts, Optional.ofNullable(e.outcome),
                Optional.ofNullable(fromColumn(e.nextAttemptAt)), fromColumn(e.receivedAt),
                Optional.ofNullable(fromColumn(e.processedAt)));
    }
}
