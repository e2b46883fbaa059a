package com.agentmarket.billing.application.reconciliation.port.in;

import com.agentmarket.billing.application.reconciliation.UsageWindow;
import com.agentmarket.billing.application.shared.Page;
import java.time.Instant;

/** Proves our usage equals Stripe's: each closed hour of each customer's reports against the meter's summaries. */
public interface ReconcileUsage {

    /** What a run did: windows queued, compared, failed (retried later), and still differing after it. */
    record Run(int queued, int compared, int failed, long drift) {
    }

    /**
     * Queues the hours closed since the last run (older than the lag, younger than Stripe's 35 days) and compares
     * those due, one round.
     */
    Run reconcileDue();

    /** An operator's run over {@code [from, to)}: every window in it compared again now (audited). */
    Run reconcile(Instant from, Instant to, String operator);

    /** The compared windows that start in {@code [from, to)}, differences first. */
    Page<UsageWindow> windows(Instant from, Instant to, int page, int size);

    /** The executions by which our reports and Stripe's meter differ now. */
    long drift();
}
