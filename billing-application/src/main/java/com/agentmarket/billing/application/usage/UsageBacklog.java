package com.agentmarket.billing.application.usage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Usage not yet accepted by Stripe, for operators and metrics.
 *
 * @param executions executions recorded but not yet accepted by Stripe (waiting, or in an unsent report)
 * @param oldest when the oldest of them (or of the unsent reports) was recorded
 */
public record UsageBacklog(long executions, long unsentReports, long failedReports, Optional<Instant> oldest) {

    public UsageBacklog {
        Objects.requireNonNull(oldest, "oldest");
    }
}
