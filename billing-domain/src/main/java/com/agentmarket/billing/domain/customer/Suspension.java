package com.agentmarket.billing.domain.customer;

import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why and since when an account is suspended. A payment suspension remembers the invoice that failed, so that only
 * paying that invoice, or a later one of the same subscription, lifts it.
 *
 * @param note for an operator's suspension, what the operator wrote
 */
public record Suspension(Reason reason, Instant since, Optional<InvoiceRef> failedInvoice, Optional<String> note) {

    public enum Reason {
        /** An operator suspended the account; only an operator reinstates it. */
        OPERATOR,
        /** A subscription payment failed (with {@code BILLING_SUSPEND_ON_PAYMENT_FAILURE}). */
        PAYMENT_FAILED
    }

    public Suspension {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(failedInvoice, "failedInvoice");
        Objects.requireNonNull(note, "note");
        if ((reason == Reason.PAYMENT_FAILED) != failedInvoice.isPresent()) {
            throw new IllegalArgumentException("a payment suspension, and only it, names the failed invoice");
        }
    }

    /** A Stripe invoice of a subscription, ordered by when Stripe created it. */
    public record InvoiceRef(String invoiceId, StripeSubscriptionId subscription, Instant created) {

        public InvoiceRef {
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(created, "created");
        }

        /** Whether paying {@code this} settles the failure of {@code failed}: the same invoice, or a later one. */
        public boolean settles(InvoiceRef failed) {
            return subscription.equals(failed.subscription)
                    && (invoiceId.equals(failed.invoiceId) || created.isAfter(failed.created));
        }
    }
}
