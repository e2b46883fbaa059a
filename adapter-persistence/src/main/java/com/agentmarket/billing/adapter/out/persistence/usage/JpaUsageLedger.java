package com.agentmarket.billing.adapter.out.persistence.usage;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.usage.port.out.UsageLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
class JpaUsageLedger implements UsageLedger {

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected JpaUsageLedger() {
    }

    /** For tests outside the container. */
    JpaUsageLedger(EntityManager em) {
        this.em = em;
    }

    @Override
    public long usedIn(CustomerId customer, BillingPeriod period) {
        return Optional.ofNullable(em.find(UsageCounterEntity.class,
                        new UsageCounterEntity.Key(customer.value(), toColumn(period.start()))))
                .map(counter -> counter.used)
                .orElse(0L);
    }
}
