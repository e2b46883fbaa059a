package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.usage.port.out.UsageLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UsageLedger} in a map. */
public class InMemoryUsageLedger implements UsageLedger {

    private record Key(CustomerId customer, Instant periodStart) {
    }

    private final Map<Key, Long> counts = new ConcurrentHashMap<>();

    @Override
    public long usedIn(CustomerId customer, BillingPeriod period) {
        return counts.getOrDefault(new Key(customer, period.start()), 0L);
    }

    /** Test set-up: pretend the customer already used {@code executions} in the period. */
    public void alreadyUsed(CustomerId customer, BillingPeriod period, long executions) {
        counts.put(new Key(customer, period.start()), executions);
    }
}
