package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice as Stripe reports it now (API 2026-07-29: its subscription is at
 * {@code parent.subscription_details.subscription}, and "paid" is {@code status == paid}).
 *
 * @param creditedAfterPayment what credit notes issued after payment (refunds, balance credits) already gave back
 */
public record InvoiceSnapshot(String id, StripeCustomerId customer, Optional<StripeSubscriptionId> subscription,
        String status, Money amountDue, Money amountPaid, int attemptCount, Instant created, Optional<Instant> paidAt,
        Optional<String> hostedInvoiceUrl, Optional<Instant> nextPaymentAttempt, Optional<String> customerEmail,
        Money creditedAfterPayment) {

    public InvoiceSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(hostedInvoiceUrl, "hostedInvoiceUrl");
        Objects.requireNonNull(nextPaymentAttempt, "nextPaymentAttempt");
        Objects.requireNonNull(customerEmail, "customerEmail");
        Objects.requireNonNull(creditedAfterPayment, "creditedAfterPayment");
    }

    public boolean isPaid() {
        return RecordedInvoice.isPaid(status);
    }

    public boolean isFinal() {
        return RecordedInvoice.isFinal(status);
    }

    /** What was paid and not given back yet: the most a refund can be. */
    public Money refundable() {
        return Money.of(Math.max(0, amountPaid.minorUnits() - creditedAfterPayment.minorUnits()), amountPaid.currency());
    }

    /** The invoice as far as suspensions care: which subscription, and when Stripe created it. */
    public Optional<Suspension.InvoiceRef> ref() {
        return subscription.map(sub -> new Suspension.InvoiceRef(id, sub, created));
    }
}
