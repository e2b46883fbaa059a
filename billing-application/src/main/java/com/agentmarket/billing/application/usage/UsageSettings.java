package com.agentmarket.billing.application.usage;

import java.time.Duration;

/**
 * How usage is reported ({@code BILLING_USAGE_BATCH_SIZE}, {@code BILLING_USAGE_REPORT_MS},
 * {@code BILLING_USAGE_CLAIM_LEASE_MS}).
 *
 * @param batchSize executions grouped per round, and reports sent per round
 * @param claimLease how long a server holds a report it is sending; after that (a crashed server) another server
 *        sends it again, under the same identifier. Longer than a Stripe call can take.
 */
public record UsageSettings(int batchSize, long reportIntervalMillis, Duration claimLease) {

    public UsageSettings {
        if (batchSize < 1 || reportIntervalMillis < 1 || claimLease.isNegative() || claimLease.isZero()) {
            throw new IllegalArgumentException("BILLING_USAGE_BATCH_SIZE, BILLING_USAGE_REPORT_MS and "
                    + "BILLING_USAGE_CLAIM_LEASE_MS must be positive");
        }
    }
}
