package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.usage.port.out.ExecutionLedger;
import com.agentmarket.billing.application.usage.port.out.UsageLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link ExecutionLedger} in maps, applying the ceiling as atomically as the database does (one lock). */
public class InMemoryExecutionLedger implements ExecutionLedger, UsageLedger {

    private record Key(CustomerId customer, Object id) {
    }

    private final Map<CustomerId, EntitlementFacts> facts = new HashMap<>();
    private final Map<Key, Long> counters = new HashMap<>();
    private final Map<Key, Recorded> executions = new HashMap<>();
    private final List<ExecutionToRecord> billable = new ArrayList<>();
    private final Map<String, Key> requestKeys = new HashMap<>();

    public synchronized void knows(CustomerId customer, EntitlementFacts known) {
        facts.put(customer, known);
    }

    @Override
    public synchronized Optional<EntitlementFacts> entitlementFacts(CustomerId customer) {
        return Optional.ofNullable(facts.get(customer));
    }

    @Override
    public synchronized void registerCustomer(CustomerId customer, Instant now) {
        facts.putIfAbsent(customer, new EntitlementFacts(false, Optional.empty()));
    }

    @Override
    public synchronized Recorded record(ExecutionToRecord e) {
        Key executionKey = new Key(e.customer(), e.execution());
        if (e.requestKey().map(requestKeys::get).filter(bound -> !bound.equals(executionKey)).isPresent()) {
            throw new RequestKeyReused("request key bound to another execution");
        }
        Recorded first = executions.get(executionKey);
        if (first != null) {
            return new Recorded(first.refusal(), first.usedAfter(), first.limit(), first.period(), true);
        }
        Key counterKey = new Key(e.customer(), e.period().start());
        long used = counters.getOrDefault(counterKey, 0L);
        Optional<ExecutionDecision.Reason> refusal = e.refusal();
        if (refusal.isEmpty() && e.ceiling().isPresent() && used >= e.ceiling().getAsLong()) {
            refusal = Optional.of(ExecutionDecision.Reason.QUOTA_EXCEEDED);
        }
        if (refusal.isEmpty()) {
            counters.put(counterKey, ++used);
            if (e.billable() && e.limit().isPresent() && used > e.limit().getAsLong()) {
                billable.add(e);
            }
        }
        Recorded recorded = new Recorded(refusal, used, e.limit(), e.period(), false);
        executions.put(executionKey, recorded);
        e.requestKey().ifPresent(key -> requestKeys.put(key, executionKey));
        return recorded;
    }

    @Override
    public synchronized long usedIn(CustomerId customer, BillingPeriod period) {
        return counters.getOrDefault(new Key(customer, period.start()), 0L);
    }

    public synchronized void alreadyUsed(CustomerId customer, BillingPeriod period, long used) {
        counters.put(new Key(customer, period.start()), used);
    }

    public synchronized List<ExecutionToRecord> billable() {
        return List.copyOf(billable);
    }
}
