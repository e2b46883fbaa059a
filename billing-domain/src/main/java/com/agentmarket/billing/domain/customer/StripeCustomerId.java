package com.agentmarket.billing.domain.customer;

import com.agentmarket.billing.domain.shared.DomainViolation;

/** The id Stripe gave the customer ({@code cus_...}). */
public record StripeCustomerId(String value) {

    public StripeCustomerId {
        DomainViolation.require(value != null && value.startsWith("cus_") && value.length() <= 255,
                "not a Stripe customer id: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
