package com.agentmarket.billing.application.usage.port.in;

import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.usage.UsagePeriod;
import java.util.Objects;

/** The executions a customer used in the current period, against the quota of the plan that applies now. */
public record UsageView(PlanId plan, UsagePeriod usage) {

    public UsageView {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(usage, "usage");
    }
}
