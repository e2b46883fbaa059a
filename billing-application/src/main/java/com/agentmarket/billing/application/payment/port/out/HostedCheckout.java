package com.agentmarket.billing.application.payment.port.out;

import java.util.Objects;

/** A Checkout Session Stripe created: the browser goes to {@code url}. */
public record HostedCheckout(String sessionId, String url) {

    public HostedCheckout {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(url, "url");
    }
}
