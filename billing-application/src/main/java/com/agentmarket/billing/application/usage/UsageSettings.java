package com.agentmarket.billing.application.usage;

import java.time.Duration;

/**
 * How usage is reported ({@code BILLING_USAGE_BATCH_SIZE}, {@code BILLING_USAGE_REPORT_MS},
 * {@code BILLING_USAGE_CLAIM_LEASE_MS}, {@code BILLING_USAGE_REPORT_CONCURRENCY}, {@code BILLING_USAGE_AGGREGATION_MS}).
 *
 * @param batchSize customers grouped into reports per round, and reports sent per round
 * @param claimLease how long a server holds a report it is sending; after that (a crashed server) another server
 *        sends it again, under the same identifier. Longer than a Stripe call can take.
 * @param concurrency how many Stripe calls one server makes at once (each for a different customer)
 * @param aggregation how long executions wait to be reported, so one report covers all of a customer's in that time
 */
public record UsageSettings(int batchSize, long reportIntervalMillis, Duration claimLease, int concurrency,
        Duration aggregation) {

    public UsageSettings {
        if (batchSize < 1 || reportIntervalMillis < 1 || claimLease.isNegative() || claimLease.isZero() || concurrency < 1
                || aggregation.isNegative()) {
            throw new IllegalArgumentException("BILLING_USAGE_BATCH_SIZE, BILLING_USAGE_REPORT_MS, "
                    + "BILLING_USAGE_CLAIM_LEASE_MS, BILLING_USAGE_REPORT_CONCURRENCY and BILLING_USAGE_AGGREGATION_MS "
                    + "must be positive");
        }
    }
}
