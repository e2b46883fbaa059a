package com.agentmarket.billing.application.webhook;

/**
 * What handling Stripe's events decides by configuration ({@code BILLING_SUSPEND_ON_PAYMENT_FAILURE}). How the inbox is
 * worked through (batch, lease, retries) is its {@link com.agentmarket.billing.application.work.WorkSettings}.
 */
public record WebhookSettings(boolean suspendOnPaymentFailure) {
}
