package com.agentmarket.billing.application.subscription.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;

/** The caller's subscription: its Stripe subscription once one exists and has not ended, otherwise Free. */
public interface GetMySubscription {

    SubscriptionView mySubscription(CustomerId caller);
}
