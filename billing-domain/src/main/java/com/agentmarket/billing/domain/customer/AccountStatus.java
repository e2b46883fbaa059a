package com.agentmarket.billing.domain.customer;

/** Whether the customer may run agents at all, whatever the plan says. */
public enum AccountStatus {
    ACTIVE,
    SUSPENDED
}
