package com.agentmarket.billing.application.payment.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;

/** A Stripe Customer Portal session for the caller, returning to {@code returnUrl} (an allowed origin). */
public interface OpenCustomerPortal {

    /** @param serviceOrigin the origin the request reached the service at (see {@code RedirectPolicy}) */
    String portalUrl(CustomerId caller, String returnUrl, String serviceOrigin);
}
