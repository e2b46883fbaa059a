package com.agentmarket.billing.application.work.port.out;

import com.agentmarket.billing.application.work.WorkBacklog;
import com.agentmarket.billing.application.work.WorkKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable due work, shared by every server on the database: each kind's items are claimed with a lease (so one server
 * works on an item at a time, and a crashed server's items are taken over when the lease runs out), completed, or
 * failed with a time to try again. Items are queued by each kind's own port, in the same statement that stores what
 * they carry (an event, a message, a report).
 */
public interface DueWork {

    /**
     * Claims up to {@code max} due items of {@code kind} for {@code worker} until {@code now + lease}, oldest first,
     * counting an attempt for each. For kinds that allow one item in flight per group (usage reports: per customer),
     * at most one item of a group is claimed at a time.
     */
    List<Claim> claim(WorkKind kind, int max, Instant now, Duration lease, String worker);

    /** A claimed item: its key and how many attempts were made at it, this one included. */
    record Claim(String key, int attempts) {
    }

    /** Done for good. False (and nothing changed) when the worker's claim was lost meanwhile. */
    boolean complete(WorkKind kind, String key, String worker, Optional<String> note, Instant now);

    /** The attempt failed: due again at {@code retryAt}, or, when empty, given up (dead) for an operator. */
    void fail(WorkKind kind, String key, String worker, String error, Optional<Instant> retryAt, Instant now);

    /** Makes an item due again from scratch, whatever became of it; false if there is no such item. */
    boolean replay(WorkKind kind, String key, Instant now);

    /** Makes every open item of {@code kind} due now (an operator's "now"); how many. */
    int makeDue(WorkKind kind, Instant now);

    WorkBacklog backlog(WorkKind kind);
}
