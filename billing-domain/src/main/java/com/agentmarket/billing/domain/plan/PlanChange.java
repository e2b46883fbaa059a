package com.agentmarket.billing.domain.plan;

/**
 * What moving a subscription from one paid tier to another means. An upgrade (a more expensive tier) takes effect at
 * once, the difference prorated and charged now; a downgrade waits for the end of the period the customer has paid
 * for; the same tier is no change. Free is not a change of plan: it is reached by cancelling.
 */
public enum PlanChange {
    UPGRADE,
    DOWNGRADE,
    NONE;

    public static PlanChange between(Plan current, Plan target) {
        if (target.id() == current.id()) {
            return NONE;
        }
        return target.monthlyPrice().minorUnits() > current.monthlyPrice().minorUnits() ? UPGRADE : DOWNGRADE;
    }
}
