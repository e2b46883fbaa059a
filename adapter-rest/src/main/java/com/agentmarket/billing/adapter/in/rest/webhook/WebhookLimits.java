package com.agentmarket.billing.adapter.in.rest.webhook;

/**
 * What the webhook endpoint accepts ({@code BILLING_WEBHOOK_MAX_BYTES}), read from configuration by the assembly.
 *
 * @param maxBytes the largest body accepted; a larger one is 413
 */
public record WebhookLimits(long maxBytes) {

    public WebhookLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the largest webhook body must be at least one byte");
        }
    }
}
