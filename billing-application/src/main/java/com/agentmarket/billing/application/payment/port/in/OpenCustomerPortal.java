package com.agentmarket.billing.application.payment.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;

/** A Stripe Customer Portal session for the caller, returning to {@code returnUrl} (an allowed origin). */
public interface OpenCustomerPortal {

    String portalUrl(CustomerId caller, String returnUrl);
}
