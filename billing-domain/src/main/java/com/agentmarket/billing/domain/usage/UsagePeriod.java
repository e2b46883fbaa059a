package com.agentmarket.billing.domain.usage;

import com.agentmarket.billing.domain.plan.Quota;
import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import java.util.Objects;
import java.util.OptionalLong;

/** How many executions a customer used in a period, against the quota of the plan that applies. */
public record UsagePeriod(BillingPeriod period, Quota quota, long used) {

    public UsagePeriod {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(quota, "quota");
        DomainViolation.require(used >= 0, "usage must not be negative");
    }

    /** The executions included in the period; empty when unlimited. */
    public OptionalLong limit() {
        return quota.limit();
    }

    /** The included executions left, never below zero (overage is billed, not owed back); empty when unlimited. */
    public OptionalLong remaining() {
        OptionalLong limit = limit();
        return limit.isPresent() ? OptionalLong.of(Math.max(0, limit.getAsLong() - used)) : OptionalLong.empty();
    }

    UsagePeriod plusOne() {
        return new UsagePeriod(period, quota, used + 1);
    }
}
