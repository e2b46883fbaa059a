package com.agentmarket.billing.application.payment;

import com.agentmarket.billing.domain.shared.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice as the customer sees it in the list.
 *
 * @param tax the tax on it (Stripe Tax or tax rates); zero when there is none
 * @param total what it comes to, tax and discounts included
 */
public record InvoiceSummary(String id, Money amountDue, Money amountPaid, String status, Instant created,
        Optional<String> invoicePdf, Money tax, Money total) {

    public InvoiceSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(invoicePdf, "invoicePdf");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
    }
}
