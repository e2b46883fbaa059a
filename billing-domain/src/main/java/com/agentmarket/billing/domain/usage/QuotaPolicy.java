package com.agentmarket.billing.domain.usage;

import com.agentmarket.billing.domain.subscription.Entitlement;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The quota rule. A suspended account runs nothing. Otherwise an execution runs while the period's usage is below
 * the plan's quota; Enterprise has none. With overage billing on, a paid subscription that carries the metered price
 * (so Stripe can bill it) treats the quota as where billing per execution starts rather than where executions stop;
 * one without the metered item stops at its quota, since whatever ran beyond it would never be invoiced. Free always
 * stops.
 *
 * <p>Stores that count usage concurrently enforce the same rule by incrementing only below {@link #ceiling}.
 */
public final class QuotaPolicy {

    private final OveragePolicy overage;

    public QuotaPolicy(OveragePolicy overage) {
        this.overage = Objects.requireNonNull(overage, "overage");
    }

    /** Whether executions beyond a paid plan's quota go on and are billed. */
    public boolean billsOverage(Entitlement entitlement) {
        return overage == OveragePolicy.BILL && entitlement.meteredOverage();
    }

    /** The usage at which the next execution is refused; empty when nothing stops it. */
    public OptionalLong ceiling(Entitlement entitlement) {
        if (billsOverage(entitlement)) {
            return OptionalLong.empty();
        }
        return entitlement.plan().quota().limit();
    }

    /** Decides one more execution, given the executions already counted in the entitlement's period. */
    public ExecutionDecision decide(Entitlement entitlement, long usedSoFar) {
        UsagePeriod usage = new UsagePeriod(entitlement.period(), entitlement.plan().quota(), usedSoFar);
        if (entitlement.suspended()) {
            return new ExecutionDecision.Refused(ExecutionDecision.Reason.ACCOUNT_SUSPENDED, usage);
        }
        OptionalLong ceiling = ceiling(entitlement);
        if (ceiling.isPresent() && usedSoFar >= ceiling.getAsLong()) {
            return new ExecutionDecision.Refused(ExecutionDecision.Reason.QUOTA_EXCEEDED, usage);
        }
        UsagePeriod after = usage.plusOne();
        OptionalLong limit = after.limit();
        return new ExecutionDecision.Admitted(after, limit.isPresent() && after.used() > limit.getAsLong());
    }

    @Override
    public String toString() {
        return "QuotaPolicy[overage=" + overage + "]";
    }
}
