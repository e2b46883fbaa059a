package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.usage.port.out.ExecutionLedger;
import com.agentmarket.billing.application.usage.port.out.UsageLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link ExecutionLedger} in maps: the domain's {@code QuotaTerms.decide} under one lock, as atomic as the database. */
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
    public synchronized Recorded record(ExecutionToRecord e) {
        Optional<EntitlementFacts> known = Optional.ofNullable(facts.get(e.customer()));
        facts.putIfAbsent(e.customer(), new EntitlementFacts(false, Optional.empty()));
        com.agentmarket.billing.domain.usage.QuotaTerms terms = e.terms().termsFor(known);
        Key executionKey = new Key(e.customer(), e.execution());
        if (e.requestKey().map(requestKeys::get).filter(bound -> !bound.equals(executionKey)).isPresent()) {
            throw new RequestKeyReused("request key bound to another execution");
        }
        Recorded first = executions.get(executionKey);
        if (first != null) {
            return new Recorded(first.refusal(), first.usedAfter(), first.limit(), first.period(), true);
        }
        Key counterKey = new Key(e.customer(), terms.period().start());
        ExecutionDecision decision = terms.decide(counters.getOrDefault(counterKey, 0L));
        Optional<ExecutionDecision.Reason> refusal = Optional.empty();
        if (decision instanceof ExecutionDecision.Refused refused) {
            refusal = Optional.of(refused.reason());
        } else if (((ExecutionDecision.Admitted) decision).beyondQuota()) {
            billable.add(e);
        }
        long used = decision.usage().used();
        counters.put(counterKey, used);
        Recorded recorded = new Recorded(refusal, used, terms.limit(), terms.period(), false);
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
