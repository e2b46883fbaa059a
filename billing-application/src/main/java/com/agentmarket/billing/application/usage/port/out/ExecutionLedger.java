package com.agentmarket.billing.application.usage.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import com.agentmarket.billing.domain.usage.ExecutionId;
import com.agentmarket.billing.domain.usage.QuotaTerms;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The executions and per-period counters, written on the hot path. Each method is atomic on its own (no
 * surrounding transaction is needed or wanted: the path must stay one short round trip each).
 */
public interface ExecutionLedger {

    /** What the entitlement rule needs, read in one query; empty for a customer never stored. */
    Optional<EntitlementFacts> entitlementFacts(CustomerId customer);

    /** Stores a customer seen for the first time (active, Free); does nothing if it exists meanwhile. */
    void registerCustomer(CustomerId customer, Instant now);

    /**
     * Counts the execution as its {@link QuotaTerms} decide (below their ceiling, unless they refuse) and stores it
     * with the answer, in one atomic step; a refused one is stored too. If the execution id was recorded before for this
     * customer, nothing is counted and the first answer is returned. With a request key, the key is stored with the
     * execution in the same step; a key stored before for another execution is refused ({@link RequestKeyReused}),
     * nothing counted.
     */
    Recorded record(ExecutionToRecord execution);

    /** The request key of an execution was used before for another execution or customer. */
    final class RequestKeyReused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public RequestKeyReused(String message) {
            super(message);
        }
    }

    record EntitlementFacts(boolean suspended, Optional<Subscription> subscription) {
    }

    /**
     * @param terms the quota rule's figures for this customer's period (the period, the ceiling, what is billable),
     *        applied as they are
     * @param requestKey the caller's {@code Idempotency-Key} within its scope ({@code ClientKey.scoped()})
     */
    record ExecutionToRecord(CustomerId customer, ExecutionId execution, QuotaTerms terms, Instant now,
            Optional<String> requestKey) {

        public ExecutionToRecord {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(requestKey, "requestKey");
        }

        public BillingPeriod period() {
            return terms.period();
        }

        public OptionalLong limit() {
            return terms.limit();
        }
    }

    /** The stored answer: the first one for this execution id. */
    record Recorded(Optional<ExecutionDecision.Reason> refusal, long usedAfter, OptionalLong limit, BillingPeriod period,
            boolean repeated) {
    }
}
