package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.shared.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * A credit note on an invoice (a refund, or a credit to the customer's balance).
 *
 * @param action the idempotency key of our action that issued it, from its metadata; empty for one made elsewhere
 */
public record CreditNote(String id, String invoiceId, Money amount, Optional<String> action) {

    public CreditNote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(action, "action");
    }
}
