package com.agentmarket.billing.application.usage.port.in;

/** Reports recorded usage to Stripe; called by a background job, and by operators to report now. */
public interface ReportUsage {

    /** One round: forms reports from waiting executions and sends the due ones. */
    Round reportDue();

    /** An operator's "report now" (audited): makes everything waiting due, then sends what Stripe accepts now. */
    Round reportNow(String operator);

    /** What a round did. */
    record Round(int executionsGrouped, int sent, int failed) {

        public Round plus(Round other) {
            return new Round(executionsGrouped + other.executionsGrouped, sent + other.sent, failed + other.failed);
        }
    }
}
