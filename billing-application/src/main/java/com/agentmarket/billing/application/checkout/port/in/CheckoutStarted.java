package com.agentmarket.billing.application.checkout.port.in;

/** The Checkout Session to send the customer to: the browser goes to {@code url} (Stripe's hosted page). */
public record CheckoutStarted(String sessionId, String url) {
}
