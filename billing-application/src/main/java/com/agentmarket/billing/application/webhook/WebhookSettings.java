package com.agentmarket.billing.application.webhook;

import java.time.Duration;

/**
 * How the inbox worker behaves ({@code BILLING_WEBHOOK_MAX_ATTEMPTS}, {@code BILLING_WEBHOOK_RETRY_BASE_MS},
 * {@code BILLING_SUSPEND_ON_PAYMENT_FAILURE}).
 *
 * @param retryBase the wait after the first failure; it doubles with each further one, up to an hour
 */
public record WebhookSettings(int maxAttempts, Duration retryBase, boolean suspendOnPaymentFailure) {

    private static final Duration MAX_WAIT = Duration.ofHours(1);

    public WebhookSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("BILLING_WEBHOOK_MAX_ATTEMPTS must be at least 1");
        }
    }

    /** The wait before the next try after {@code attempts} failed ones. */
    public Duration backoffAfter(int attempts) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
