package com.agentmarket.billing.application.usage;

import java.time.Duration;

/**
 * How usage reports are formed ({@code BILLING_USAGE_BATCH_SIZE}, {@code BILLING_USAGE_AGGREGATION_MS}). How they are
 * sent (interval, lease, concurrency, retries) is their {@link com.agentmarket.billing.application.work.WorkSettings}.
 *
 * @param batchSize customers grouped into reports per round (and reports claimed per round)
 * @param aggregation how long executions wait to be reported, so one report covers all of a customer's in that time
 */
public record UsageSettings(int batchSize, Duration aggregation) {

    public UsageSettings {
        if (batchSize < 1 || aggregation.isNegative()) {
            throw new IllegalArgumentException("BILLING_USAGE_BATCH_SIZE must be positive and BILLING_USAGE_AGGREGATION_MS "
                    + "not negative");
        }
    }
}
