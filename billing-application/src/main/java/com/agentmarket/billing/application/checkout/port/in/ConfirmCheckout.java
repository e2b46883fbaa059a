package com.agentmarket.billing.application.checkout.port.in;

import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.customer.CustomerId;

/**
 * The checkout success page's call: syncs the session's subscription from Stripe now, so the customer sees the new
 * plan without waiting for the webhook (which goes through the same sync, so whichever comes second changes nothing).
 */
public interface ConfirmCheckout {

    SubscriptionView confirm(CustomerId caller, String sessionId);
}
