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
 * The executions and per-period counters, written on the hot path: reading what the entitlement rule needs, counting
 * and storing happen in the ledger, so that it can do them for many concurrent executions at once.
 */
public interface ExecutionLedger {

    /**
     * Reads the customer's {@link EntitlementFacts} (a customer never stored is stored, active on Free, and its facts
     * are empty), gets the execution's {@link QuotaTerms} from them with the execution's {@link TermsRule}, counts the
     * execution as those terms decide (below their ceiling, unless they refuse) and stores it with the answer, in one
     * atomic step; a refused one is stored too. If the execution id was recorded before for this
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

    /** What the entitlement rule needs, read in one query; empty for a customer never stored. */
    record EntitlementFacts(boolean suspended, Optional<Subscription> subscription) {
    }

    /** The quota rule, applied by the ledger to the facts it read: the terms are the rule's, never the store's. */
    @FunctionalInterface
    interface TermsRule {
        QuotaTerms termsFor(Optional<EntitlementFacts> facts);
    }

    /**
     * @param terms the quota rule that gives this customer's figures for the period (the period, the ceiling, what is
     *        billable) from the facts the ledger read, applied as they are
     * @param requestKey the caller's {@code Idempotency-Key} within its scope ({@code ClientKey.scoped()})
     */
    record ExecutionToRecord(CustomerId customer, ExecutionId execution, TermsRule terms, Instant now,
            Optional<String> requestKey) {

        public ExecutionToRecord {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(requestKey, "requestKey");
        }

        /** Terms that do not depend on the facts. */
        public ExecutionToRecord(CustomerId customer, ExecutionId execution, QuotaTerms fixed, Instant now,
                Optional<String> requestKey) {
            this(customer, execution, facts -> fixed, now, requestKey);
        }
    }

    /** The stored answer: the first one for this execution id. */
    record Recorded(Optional<ExecutionDecision.Reason> refusal, long usedAfter, OptionalLong limit, BillingPeriod period,
            boolean repeated) {
    }
}
