package com.agentmarket.billing.application.payment;

/** Which Stripe key the service runs with: a test key, a live key, or none (Stripe features answer 503). */
public enum GatewayMode {
    TEST,
    LIVE,
    NOT_CONFIGURED
}
