package com.agentmarket.billing.application.usage.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;

/** The caller's usage in the current billing period (the calendar month on Free). */
public interface GetMyUsage {

    UsageView myUsage(CustomerId caller);
}
