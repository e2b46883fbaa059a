package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.plan.PlanId;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of plan that Stripe will make later: a downgrade scheduled for the end of the current period (the next
 * phase of the subscription's schedule). Until {@code effectiveAt} the customer keeps the current plan.
 */
public record PendingChange(PlanId plan, Instant effectiveAt) {

    public PendingChange {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
    }
}
