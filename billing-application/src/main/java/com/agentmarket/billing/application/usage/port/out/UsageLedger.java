package com.agentmarket.billing.application.usage.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;

/** The count of agent executions per customer and period. */
public interface UsageLedger {

    /** Executions counted for the customer in the period that starts where {@code period} starts; 0 if none. */
    long usedIn(CustomerId customer, BillingPeriod period);
}
