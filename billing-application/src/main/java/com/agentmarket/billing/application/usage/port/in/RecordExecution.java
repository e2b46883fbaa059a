package com.agentmarket.billing.application.usage.port.in;

import com.agentmarket.billing.application.shared.ClientKey;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import com.agentmarket.billing.domain.usage.ExecutionId;
import com.agentmarket.billing.domain.usage.UsagePeriod;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorises and records one agent execution in one step: the hot path of the product. Exact under concurrency
 * (the count and the decision are one database statement); a repeated execution id returns the first answer and
 * counts once; Stripe is never called on this path. The execution id is the natural key; an {@code Idempotency-Key}
 * is checked against it: the same key for another execution (or customer) is refused.
 */
public interface RecordExecution {

    /**
     * @param email the customer's address as the caller's token vouches for it (a customer's own token), for a usage
     *        alert this execution may trigger; empty when the caller is not the customer
     */
    ExecutionResult record(CustomerId customer, ExecutionId execution, Optional<ClientKey> clientKey, Optional<Email> email);

    /** An execution recorded by a caller that does not speak for the customer's address. */
    default ExecutionResult record(CustomerId customer, ExecutionId execution, Optional<ClientKey> clientKey) {
        return record(customer, execution, clientKey, Optional.empty());
    }

    /**
     * @param refusal why the execution must not run; empty when it was admitted
     * @param usage the figures after the decision (a refusal leaves them unchanged)
     */
    record ExecutionResult(ExecutionId execution, Optional<ExecutionDecision.Reason> refusal, UsagePeriod usage) {

        public ExecutionResult {
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(usage, "usage");
        }

        public boolean admitted() {
            return refusal.isEmpty();
        }
    }
}
