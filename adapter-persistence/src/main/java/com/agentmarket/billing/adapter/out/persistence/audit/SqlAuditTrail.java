package com.agentmarket.billing.adapter.out.persistence.audit;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The {@code audit_log} table, written in the caller's transaction. */
@ApplicationScoped
class SqlAuditTrail implements AuditTrail {

    private static final int MAX_DETAIL = 1000;

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected SqlAuditTrail() {
    }

    /** For tests outside the container. */
    SqlAuditTrail(EntityManager em) {
        this.em = em;
    }

    @Override
    public void record(Entry entry) {
        em.createNativeQuery("insert into audit_log (at, actor, action, target, detail) values (?, ?, ?, ?, ?)")
                .setParameter(1, toColumn(entry.at()))
                .setParameter(2, entry.actor())
                .setParameter(3, entry.action())
                .setParameter(4, entry.target())
                .setParameter(5, entry.detail().map(d -> d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) : d).orElse(null))
                .executeUpdate();
    }
}
