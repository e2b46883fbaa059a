package com.agentmarket.billing.domain.usage;

/** What happens to a paid customer at the end of the plan's quota. */
public enum OveragePolicy {
    /** Executions stop at the quota. */
    BLOCK,
    /** Executions go on and are billed per unit through a metered price. */
    BILL
}
