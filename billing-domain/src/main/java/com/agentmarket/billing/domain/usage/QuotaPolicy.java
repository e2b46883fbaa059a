package com.agentmarket.billing.domain.usage;

import com.agentmarket.billing.domain.subscription.Entitlement;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The quota rule. A suspended account runs nothing. Otherwise an execution runs while the period's usage is below
 * the plan's quota; Enterprise has none. With overage billing on, a paid subscription that carries the metered price
 * (so Stripe can bill it) treats the quota as where billing per execution starts rather than where executions stop;
 * one without the metered item stops at its quota, since whatever ran beyond it would never be invoiced. Free always
 * stops.
 *
 * <p>The rule is stated once, as {@link QuotaTerms} for an entitlement; stores that count usage concurrently apply
 * those terms instead of deriving them again.
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

    /**
     * The terms an execution in the entitlement's period runs under: a suspended account runs nothing; the ceiling
     * is the plan's quota unless overage is billed; what runs beyond the quota is billable only when it is billed.
     */
    public QuotaTerms terms(Entitlement entitlement) {
        OptionalLong limit = entitlement.plan().quota().limit();
        return new QuotaTerms(entitlement.period(),
                entitlement.suspended() ? Optional.of(ExecutionDecision.Reason.ACCOUNT_SUSPENDED) : Optional.empty(),
                entitlement.plan().quota(), ceiling(entitlement), billsOverage(entitlement) ? limit : OptionalLong.empty());
    }

    /** Decides one more execution, given the executions already counted in the entitlement's period. */
    public ExecutionDecision decide(Entitlement entitlement, long usedSoFar) {
        return terms(entitlement).decide(usedSoFar);
    }

    @Override
    public String toString() {
        return "QuotaPolicy[overage=" + overage + "]";
    }
}
