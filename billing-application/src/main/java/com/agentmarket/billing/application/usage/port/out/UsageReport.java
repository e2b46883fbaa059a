package com.agentmarket.billing.application.usage.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.time.Instant;
import java.util.Objects;

/**
 * One meter event to send: {@code value} executions of one customer, under an identifier fixed when the batch was
 * formed, so a resend after a crash is recognised by Stripe as the same event.
 *
 * @param queuedAt when the report was formed (or recorded): how long it has been on its way
 */
public record UsageReport(String identifier, CustomerId customer, StripeCustomerId stripeCustomer, long value,
        Instant timestamp, int attempts, Instant queuedAt) {

    /** A report queued when its event happened. */
    public UsageReport(String identifier, CustomerId customer, StripeCustomerId stripeCustomer, long value,
            Instant timestamp, int attempts) {
        this(identifier, customer, stripeCustomer, value, timestamp, attempts, timestamp);
    }

    public UsageReport {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(stripeCustomer, "stripeCustomer");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(queuedAt, "queuedAt");
        if (value < 1) {
            throw new IllegalArgumentException("a usage report counts at least one");
        }
        if (identifier.isBlank() || identifier.length() > 100) {
            throw new IllegalArgumentException("Stripe takes identifiers of 1 to 100 characters");
        }
    }
}
