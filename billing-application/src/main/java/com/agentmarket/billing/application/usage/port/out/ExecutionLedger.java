package com.agentmarket.billing.application.usage.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import com.agentmarket.billing.domain.usage.ExecutionId;
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
     * Counts the execution if the period's usage is below {@code ceiling} (none: no limit) and stores it with the
     * answer, in one atomic step; a refused one is stored too. If the execution id was recorded before for this
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
     * @param limit the plan's included executions, for the answer (empty: unlimited)
     * @param ceiling the usage at which the execution is refused (empty: never); ignored with a {@code refusal}
     * @param refusal refuse without counting (a suspended account)
     * @param billable report this execution to Stripe if it is counted beyond {@code limit}
     * @param requestKey the caller's {@code Idempotency-Key} within its scope ({@code ClientKey.scoped()})
     */
    record ExecutionToRecord(CustomerId customer, ExecutionId execution, BillingPeriod period, OptionalLong limit,
            OptionalLong ceiling, Optional<ExecutionDecision.Reason> refusal, boolean billable, Instant now,
            Optional<String> requestKey) {

        public ExecutionToRecord {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(ceiling, "ceiling");
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(requestKey, "requestKey");
        }
    }

    /** The stored answer: the first one for this execution id. */
    record Recorded(Optional<ExecutionDecision.Reason> refusal, long usedAfter, OptionalLong limit, BillingPeriod period,
            boolean repeated) {
    }
}
