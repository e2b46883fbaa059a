package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.shared.DomainViolation;

/** The id Stripe gave a subscription ({@code sub_...}). */
public record StripeSubscriptionId(String value) {

    public StripeSubscriptionId {
        DomainViolation.require(value != null && value.startsWith("sub_") && value.length() <= 255,
                "not a Stripe subscription id: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
