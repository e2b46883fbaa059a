package com.agentmarket.billing.adapter.out.persistence.action;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.domain.customer.CustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaBillingActionLog implements BillingActionLog {

    private static final int MAX_FAILURE_LENGTH = 1000;

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaBillingActionLog() {
    }

    /** For tests outside the container. */
    JpaBillingActionLog(EntityManager em) {
        this.em = em;
    }

    /**
     * Inserts unless an action with the same key, or the same customer, kind and client key, exists; then reads
     * whichever is stored. {@code on conflict do nothing} keeps a concurrent duplicate from failing (and so
     * dooming) the caller's transaction; PostgreSQL and H2 in PostgreSQL mode both accept it.
     */
    @Override
    public BillingAction begin(BillingAction proposed) {
        em.createNativeQuery("insert into billing_action (idempotency_key, customer_id, kind, client_key, fingerprint, "
                        + "state, created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .setParameter(1, proposed.idempotencyKey())
                .setParameter(2, proposed.customer().value())
                .setParameter(3, proposed.kind().name())
                .setParameter(4, proposed.clientKey().orElse(null))
                .setParameter(5, proposed.fingerprint())
                .setParameter(6, proposed.state().name())
                .setParameter(7, toColumn(proposed.createdAt()))
                .executeUpdate();
        BillingActionEntity stored = proposed.clientKey().isEmpty()
                ? em.find(BillingActionEntity.class, proposed.idempotencyKey())
                : em.createQuery("select a from BillingActionEntity a where a.customerId = :customer and a.kind = :kind "
                                + "and a.clientKey = :clientKey", BillingActionEntity.class)
                        .setParameter("customer", proposed.customer().value())
                        .setParameter("kind", proposed.kind())
                        .setParameter("clientKey", proposed.clientKey().get())
                        .getSingleResult();
        return toDomain(stored);
    }

    @Override
    public Optional<BillingAction> latest(CustomerId customer, BillingAction.Kind kind, String fingerprint, Instant since) {
        return em.createQuery("select a from BillingActionEntity a where a.customerId = :customer and a.kind = :kind "
                        + "and a.fingerprint = :fingerprint and a.createdAt >= :since order by a.createdAt desc",
                        BillingActionEntity.class)
                .setParameter("customer", customer.value())
                .setParameter("kind", kind)
                .setParameter("fingerprint", fingerprint)
                .setParameter("since", toColumn(since))
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(JpaBillingActionLog::toDomain);
    }

    @Override
    public void succeeded(String idempotencyKey, Optional<String> resultReference, Optional<String> resultUrl, Instant at) {
        BillingActionEntity action = em.find(BillingActionEntity.class, idempotencyKey);
        action.state = BillingAction.State.SUCCEEDED;
        action.resultReference = resultReference.orElse(null);
        action.resultUrl = resultUrl.orElse(null);
        action.failure = null;
        action.completedAt = toColumn(at);
        em.flush();
    }

    @Override
    public void failed(String idempotencyKey, String reason, Instant at) {
        BillingActionEntity action = em.find(BillingActionEntity.class, idempotencyKey);
        action.state = BillingAction.State.FAILED;
        action.failure = reason == null ? null : reason.substring(0, Math.min(reason.length(), MAX_FAILURE_LENGTH));
        action.completedAt = toColumn(at);
        em.flush();
    }

    @Override
    public Optional<BillingAction> find(CustomerId customer, BillingAction.Kind kind, String clientKey) {
        return em.createQuery("select a from BillingActionEntity a where a.customerId = :customer and a.kind = :kind "
                        + "and a.clientKey = :clientKey", BillingActionEntity.class)
                .setParameter("customer", customer.value())
                .setParameter("kind", kind)
                .setParameter("clientKey", clientKey)
                .getResultStream()
                .findFirst()
                .map(JpaBillingActionLog::toDomain);
    }

    @Override
    public List<BillingAction> openCheckouts(CustomerId customer, Instant since) {
        return em.createQuery("select a from BillingActionEntity a where a.customerId = :customer and a.kind = :kind "
                        + "and a.state = :succeeded and a.closedAs is null and a.resultReference is not null "
                        + "and a.createdAt >= :since order by a.createdAt", BillingActionEntity.class)
                .setParameter("customer", customer.value())
                .setParameter("kind", BillingAction.Kind.CHECKOUT)
                .setParameter("succeeded", BillingAction.State.SUCCEEDED)
                .setParameter("since", toColumn(since))
                .getResultStream()
                .map(JpaBillingActionLog::toDomain)
                .toList();
    }

    @Override
    public void closeCheckout(String idempotencyKey, BillingAction.Closure closure, Instant at) {
        BillingActionEntity action = em.find(BillingActionEntity.class, idempotencyKey);
        action.closedAs = closure;
        action.closedAt = toColumn(at);
        em.flush();
    }

    @Override
    public Optional<BillingAction> findCheckout(CustomerId customer, String sessionId) {
        return em.createQuery("select a from BillingActionEntity a where a.customerId = :customer and a.kind = :kind "
                        + "and a.resultReference = :session", BillingActionEntity.class)
                .setParameter("customer", customer.value())
                .setParameter("kind", BillingAction.Kind.CHECKOUT)
                .setParameter("session", sessionId)
                .getResultStream()
                .findFirst()
                .map(JpaBillingActionLog::toDomain);
    }

    private static BillingAction toDomain(BillingActionEntity entity) {
        return new BillingAction(entity.idempotencyKey, new CustomerId(entity.customerId), entity.kind,
                Optional.ofNullable(entity.clientKey), entity.fingerprint, entity.state,
                Optional.ofNullable(entity.resultReference), Optional.ofNullable(entity.resultUrl),
                fromColumn(entity.createdAt), Optional.ofNullable(entity.closedAs));
    }
}
