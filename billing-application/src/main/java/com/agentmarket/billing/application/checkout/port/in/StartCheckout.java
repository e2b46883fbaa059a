package com.agentmarket.billing.application.checkout.port.in;

/**
 * Starts buying a paid plan: a Stripe Checkout Session for one of the catalog's prices, returning where to send
 * the browser. A customer whose subscription still exists is sent to the customer portal instead.
 */
public interface StartCheckout {

    CheckoutStarted start(StartCheckoutCommand command);
}
