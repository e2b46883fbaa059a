package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.shared.DomainViolation;

/** The id Stripe gave one item (one price) of a subscription ({@code si_...}). */
public record SubscriptionItemId(String value) {

    public SubscriptionItemId {
        DomainViolation.require(value != null && value.startsWith("si_") && value.length() <= 255
                && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'),
                "not a Stripe subscription item id: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
