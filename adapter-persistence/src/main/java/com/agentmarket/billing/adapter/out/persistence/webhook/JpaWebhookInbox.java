package com.agentmarket.billing.adapter.out.persistence.webhook;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.countFromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.webhook.port.out.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The inbox in the {@code webhook_event} table. Claims lock the due rows with {@code for update skip locked}, so
 * workers on several servers each take different events, and stamp them with a lease that a crashed worker's
 * successor can take over once it runs out.
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
    public List<InboxEvent> claimDue(int max, Instant now, Duration lease, String worker) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select event_id from webhook_event where status in ('RECEIVED', 'RETRYING') "
                        + "and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?) "
                        + "order by stripe_created limit ? for update skip locked")
                .setParameter(1, toColumn(now))
                .setParameter(2, toColumn(now))
                .setParameter(3, max)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        em.createQuery("update WebhookEventEntity e set e.attempts = e.attempts + 1, e.claimedBy = :worker, "
                        + "e.claimedUntil = :until where e.eventId in :ids")
                .setParameter("worker", worker)
                .setParameter("until", toColumn(now.plus(lease)))
                .setParameter("ids", ids)
                .executeUpdate();
        return em.createQuery("select e from WebhookEventEntity e where e.eventId in :ids order by e.stripeCreated",
                        WebhookEventEntity.class)
                .setParameter("ids", ids)
                .getResultStream()
                .peek(em::refresh)
                .map(JpaWebhookInbox::toInboxEvent)
                .toList();
    }

    @Override
    public void processed(String eventId, String worker, Optional<String> outcome, Instant now) {
        em.createQuery("update WebhookEventEntity e set e.status = :processed, e.outcome = :outcome, e.processedAt = :now, "
                        + "e.nextAttemptAt = null, e.claimedBy = null, e.claimedUntil = null "
                        + "where e.eventId = :id and e.claimedBy = :worker")
                .setParameter("processed", InboxEvent.Status.PROCESSED)
                .setParameter("outcome", outcome.orElse(null))
                .setParameter("now", toColumn(now))
                .setParameter("id", eventId)
                .setParameter("worker", worker)
                .executeUpdate();
    }

    @Override
    public void failed(String eventId, String worker, String error, Optional<Instant> retryAt, Instant now) {
        em.createQuery("update WebhookEventEntity e set e.status = :status, e.outcome = :error, e.nextAttemptAt = :retryAt, "
                        + "e.claimedBy = null, e.claimedUntil = null where e.eventId = :id and e.claimedBy = :worker")
                .setParameter("status", retryAt.isPresent() ? InboxEvent.Status.RETRYING : InboxEvent.Status.DEAD)
                .setParameter("error", error)
                .setParameter("retryAt", toColumn(retryAt.orElse(null)))
                .setParameter("id", eventId)
                .setParameter("worker", worker)
                .executeUpdate();
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
    public Backlog backlog() {
        Object[] row = (Object[]) em.createNativeQuery("select "
                        + "sum(case when status = 'RECEIVED' then 1 else 0 end), "
                        + "sum(case when status = 'RETRYING' then 1 else 0 end), "
                        + "sum(case when status = 'DEAD' then 1 else 0 end), "
                        + "min(case when status in ('RECEIVED', 'RETRYING') then received_at end) from webhook_event "
                        // Only the open states, through the (status, next_attempt_at) index: processed events pile up.
                        + "where status in ('RECEIVED', 'RETRYING', 'DEAD')")
                .getSingleResult();
        return new Backlog(countFromNative(row[0]), countFromNative(row[1]), countFromNative(row[2]), fromNative(row[3]));
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

    @Override
    public boolean replay(String eventId, Instant now) {
        return em.createQuery("update WebhookEventEntity e set e.status = :received, e.attempts = 0, e.outcome = null, "
                        + "e.nextAttemptAt = :now, e.processedAt = null, e.claimedBy = null, e.claimedUntil = null "
                        + "where e.eventId = :id")
                .setParameter("received", InboxEvent.Status.RECEIVED)
                .setParameter("now", toColumn(now))
                .setParameter("id", eventId)
                .executeUpdate() == 1;
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
