package com.agentmarket.billing.application.webhook.port.out;

import com.agentmarket.billing.application.shared.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stripe's events, stored when they arrive (keyed by Stripe's event id) and processed later by workers that may run
 * on several servers sharing the database.
 */
public interface WebhookInbox {

    /**
     * Stores the event, with the body Stripe sent (for operators), unless one with its id is stored already.
     *
     * @param ignored when present, the event is stored as processed with this outcome and never handled
     * @return whether it was new
     */
    boolean store(VerifiedEvent event, String payload, Optional<String> ignored, Instant now);

    /**
     * Claims up to {@code max} due events for {@code worker} until {@code now + lease}, counting an attempt for each.
     * An event is claimed by one worker at a time; a claim that outlives its lease (a crashed worker) can be taken over.
     */
    List<InboxEvent> claimDue(int max, Instant now, Duration lease, String worker);

    /** The worker's claim ended well; does nothing if the claim was lost meanwhile. */
    void processed(String eventId, String worker, Optional<String> outcome, Instant now);

    /** The worker's attempt failed: try again at {@code retryAt}, or, when empty, give up (dead). */
    void failed(String eventId, String worker, String error, Optional<Instant> retryAt, Instant now);

    Optional<InboxEvent> find(String eventId);

    /** The newest events about any of these Stripe objects (subscriptions, invoices, a customer). */
    List<InboxEvent> recentFor(java.util.Set<String> objectIds, int max);

    /** How many events wait in each status, and since when the oldest unprocessed one waits. */
    Backlog backlog();

    record Backlog(long received, long retrying, long dead, Optional<Instant> oldestUnprocessed) {
    }

    Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size);

    /** Makes a stored event due again from scratch; false if there is no such event. */
    boolean replay(String eventId, Instant now);
}
