package com.agentmarket.billing.application.payment;

import java.util.Objects;
import java.util.Optional;

/** A saved payment method; {@code card} is present for cards. */
public record PaymentMethodSummary(String id, String type, Optional<Card> card) {

    public PaymentMethodSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(card, "card");
    }

    public record Card(String brand, String last4, int expMonth, int expYear) {
    }
}
