package com.agentmarket.billing.application.reconciliation.port.out;

import com.agentmarket.billing.application.reconciliation.UsageWindow;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.usage.ReconciliationStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The hourly windows of reported usage and how each compared with Stripe, inside the caller's transaction. Windows
 * are compared as due work ({@code WorkKind.USAGE_RECONCILIATION}): queued once their hour is closed, again when a
 * report of theirs was sent after their last comparison.
 */
public interface UsageWindows {

    /**
     * Queues, due now, every hour in {@code [from, to)} that holds a customer's report on its way or sent since
     * {@code sentSince} and is not queued yet, and queues again a compared one that a report was sent into after its
     * figures were read; safe with several servers.
     *
     * @return how many windows were queued
     */
    int queueClosed(Instant from, Instant to, Instant sentSince, Instant now);

    /** Makes every window in {@code [from, to)} due now, compared or not (an operator's run). */
    int makeDue(Instant from, Instant to, Instant now);

    List<UsageWindow> find(Collection<String> keys);

    /**
     * What we reported for the customer's events in {@code [start, end)}: the executions of the reports Stripe
     * accepted and when the last of them was; the reports of that hour still on their way (while some are, comparing
     * is premature), and the executions of those among them that were already tried (they may be at Stripe).
     */
    Reported reported(CustomerId customer, Instant start, Instant end);

    record Reported(long sent, long stillSending, long triedValue, Optional<Instant> lastSent) {
    }

    /** The reports of the customer's events in {@code [start, end)} that Stripe accepted, newest send first. */
    List<SentReport> sentIn(CustomerId customer, Instant start, Instant end);

    /** A report Stripe accepted: under which identifier, for how much, when it was last sent, after how many tries. */
    record SentReport(String identifier, long value, Instant sentAt, int attempts) {
    }

    /** Queues the window again, due at {@code at} (a correction's effect to verify). */
    void recheck(String key, Instant at);

    /** The window compared: both figures, read at {@code read}, and the outcome, recorded at {@code at}. */
    void record(String key, long ours, long stripe, ReconciliationStatus status, Instant read, Instant at);

    /** The compared windows that start in {@code [from, to)}, differences first, then newest first. */
    Page<UsageWindow> list(Instant from, Instant to, int page, int size);

    /** The executions by which our reports and Stripe differ now, summed over the windows since {@code since}. */
    long drift(Instant since);
}
