package com.agentmarket.billing.domain.customer;

import com.agentmarket.billing.domain.shared.DomainViolation;

/**
 * Our customer id: the platform's user id, carried as the JWT {@code sub}. Stripe stores it as
 * {@code client_reference_id}, which allows at most 200 characters.
 */
public record CustomerId(String value) {

    public static final int MAX_LENGTH = 200;

    public CustomerId {
        DomainViolation.require(value != null && !value.isBlank(), "customer id must not be blank");
        DomainViolation.require(value.length() <= MAX_LENGTH, "customer id must be at most " + MAX_LENGTH + " characters");
        DomainViolation.require(value.chars().noneMatch(Character::isISOControl), "customer id must not contain control characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
