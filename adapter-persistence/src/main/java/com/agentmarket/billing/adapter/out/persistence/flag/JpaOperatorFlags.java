package com.agentmarket.billing.adapter.out.persistence.flag;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.flag.port.out.OperatorFlags;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.domain.customer.CustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaOperatorFlags implements OperatorFlags {

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaOperatorFlags() {
    }

    /** For tests outside the container. */
    JpaOperatorFlags(EntityManager em) {
        this.em = em;
    }

    /**
     * {@code on conflict do nothing} keeps two servers raising the same flag from failing each other's transaction;
     * then a resolved flag is opened again.
     */
    @Override
    public boolean raise(OperatorFlag flag) {
        int inserted = em.createNativeQuery("insert into operator_flag (kind, subject, customer_id, detail, raised_at) "
                        + "values (?, ?, ?, ?, ?) on conflict do nothing")
                .setParameter(1, flag.kind().name())
                .setParameter(2, flag.subject())
                .setParameter(3, flag.customer().map(CustomerId::value).orElse(null))
                .setParameter(4, flag.detail())
                .setParameter(5, toColumn(flag.raisedAt()))
                .executeUpdate();
        if (inserted == 1) {
            return true;
        }
        return em.createQuery("update OperatorFlagEntity f set f.resolvedAt = null, f.resolvedBy = null, f.detail = :detail, "
                        + "f.raisedAt = :at where f.kind = :kind and f.subject = :subject and f.resolvedAt is not null")
                .setParameter("detail", flag.detail())
                .setParameter("at", toColumn(flag.raisedAt()))
                .setParameter("kind", flag.kind())
                .setParameter("subject", flag.subject())
                .executeUpdate() == 1;
    }

    @Override
    public Page<OperatorFlag> list(Optional<OperatorFlag.State> state, int page, int size) {
        String where = state.map(wanted -> wanted == OperatorFlag.State.OPEN ? " where f.resolvedAt is null"
                : " where f.resolvedAt is not null").orElse("");
        long total = em.createQuery("select count(f) from OperatorFlagEntity f" + where, Long.class).getSingleResult();
        List<OperatorFlag> items = em.createQuery("select f from OperatorFlagEntity f" + where
                        + " order by f.raisedAt desc, f.id desc", OperatorFlagEntity.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultStream()
                .map(JpaOperatorFlags::toFlag)
                .toList();
        return new Page<>(items, page, size, total);
    }

    @Override
    public List<OperatorFlag> ofCustomer(CustomerId customer) {
        return em.createQuery("select f from OperatorFlagEntity f where f.customerId = :customer order by f.raisedAt desc",
                        OperatorFlagEntity.class)
                .setParameter("customer", customer.value())
                .getResultStream()
                .map(JpaOperatorFlags::toFlag)
                .toList();
    }

    @Override
    public Optional<OperatorFlag> resolve(long id, String operator, Instant at) {
        OperatorFlagEntity flag = em.find(OperatorFlagEntity.class, id);
        if (flag == null) {
            return Optional.empty();
        }
        if (flag.resolvedAt == null) {
            flag.resolvedAt = toColumn(at);
            flag.resolvedBy = operator;
            em.flush();
        }
        return Optional.of(toFlag(flag));
    }

    @Override
    public long countOpen() {
        return em.createQuery("select count(f) from OperatorFlagEntity f where f.resolvedAt is null", Long.class)
                .getSingleResult();
    }

    private static OperatorFlag toFlag(OperatorFlagEntity entity) {
        return new OperatorFlag(entity.id, entity.kind, entity.subject,
                Optional.ofNullable(entity.customerId).map(CustomerId::new), entity.detail, fromColumn(entity.raisedAt),
                Optional.ofNullable(fromColumn(entity.resolvedAt)), Optional.ofNullable(entity.resolvedBy));
    }
}
