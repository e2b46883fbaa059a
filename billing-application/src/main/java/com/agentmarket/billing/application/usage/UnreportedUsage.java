package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One customer's usage not yet accepted by Stripe. */
public record UnreportedUsage(CustomerId customer, long executions, long unsentReports, long failedReports,
        Optional<Instant> oldest, Optional<String> lastError) {

    public UnreportedUsage {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(oldest, "oldest");
        Objects.requireNonNull(lastError, "lastError");
    }
}
