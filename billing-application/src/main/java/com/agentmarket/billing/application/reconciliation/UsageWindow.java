package com.agentmarket.billing.application.reconciliation;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.usage.ReconciliationStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer's usage over one hour ({@code [start, end)}, by the meter events' timestamps), as last compared with
 * Stripe: what we reported, what Stripe's meter summed, and how they compare. Not compared yet: all three empty.
 */
public record UsageWindow(String key, CustomerId customer, StripeCustomerId stripeCustomer, Instant start, Instant end,
        Optional<Long> ours, Optional<Long> stripe, Optional<ReconciliationStatus> status, Optional<Instant> checkedAt) {

    public UsageWindow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(stripeCustomer, "stripeCustomer");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(stripe, "stripe");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** The key of a customer's window: the customer and the hour, in whole hours since the epoch. */
    public static String keyOf(CustomerId customer, Instant start) {
        return customer.value() + "@" + Math.floorDiv(start.getEpochSecond(), 3600);
    }
}
