package com.agentmarket.billing.domain.usage;

import com.agentmarket.billing.domain.plan.Quota;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The quota rule's figures for one customer's period, stated by {@link QuotaPolicy#terms}: a store that counts
 * executions concurrently applies exactly these (one atomic statement, or {@link #decide} under a lock) rather than
 * deriving them again.
 *
 * @param refusal refuse whatever the usage (a suspended account)
 * @param quota the plan's included executions, for the answer
 * @param ceiling the usage at which the next execution is refused; empty when nothing stops it
 * @param billableAbove executions counted beyond this usage are reported to Stripe; empty when none are
 */
public record QuotaTerms(BillingPeriod period, Optional<ExecutionDecision.Reason> refusal, Quota quota, OptionalLong ceiling,
        OptionalLong billableAbove) {

    public QuotaTerms {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(billableAbove, "billableAbove");
    }

    /** The plan's included executions; empty when unlimited. */
    public OptionalLong limit() {
        return quota.limit();
    }

    /** Decides one more execution, given the executions already counted in the period. */
    public ExecutionDecision decide(long usedSoFar) {
        UsagePeriod usage = new UsagePeriod(period, quota, usedSoFar);
        if (refusal.isPresent()) {
            return new ExecutionDecision.Refused(refusal.get(), usage);
        }
        if (ceiling.isPresent() && usedSoFar >= ceiling.getAsLong()) {
            return new ExecutionDecision.Refused(ExecutionDecision.Reason.QUOTA_EXCEEDED, usage);
        }
        UsagePeriod after = usage.plusOne();
        return new ExecutionDecision.Admitted(after, isBillable(after.used()));
    }

    /** Whether the execution that brought the usage to {@code usedAfter} is reported to Stripe. */
    public boolean isBillable(long usedAfter) {
        return billableAbove.isPresent() && usedAfter > billableAbove.getAsLong();
    }
}
