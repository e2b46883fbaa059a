package com.agentmarket.billing.domain.plan;

import com.agentmarket.billing.domain.shared.DomainViolation;

/** A Stripe price id ({@code price_...}): what Checkout sells. */
public record PriceId(String value) {

    public PriceId {
        DomainViolation.require(value != null && value.startsWith("price_") && value.length() <= 255
                && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'),
                "not a Stripe price id: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
