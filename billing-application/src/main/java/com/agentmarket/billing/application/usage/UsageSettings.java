package com.agentmarket.billing.application.usage;

/**
 * How usage is reported ({@code BILLING_USAGE_BATCH_SIZE}, {@code BILLING_USAGE_REPORT_MS}).
 *
 * @param batchSize executions grouped per round, and reports sent per round
 */
public record UsageSettings(int batchSize, long reportIntervalMillis) {

    public UsageSettings {
        if (batchSize < 1 || reportIntervalMillis < 1) {
            throw new IllegalArgumentException("BILLING_USAGE_BATCH_SIZE and BILLING_USAGE_REPORT_MS must be positive");
        }
    }
}
