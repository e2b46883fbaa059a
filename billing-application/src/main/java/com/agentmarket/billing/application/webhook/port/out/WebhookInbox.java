package com.agentmarket.billing.application.webhook.port.out;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.webhook.InboxEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stripe's events, stored when they arrive (keyed by Stripe's event id) and processed later as due work
 * ({@link com.agentmarket.billing.application.work.WorkKind#WEBHOOK_EVENT}) by workers that may run on several
 * servers sharing the database.
 */
public interface WebhookInbox {

    /**
     * Stores the event, with the body Stripe sent (for operators), unless one with its id is stored already.
     *
     * @param ignored when present, the event is stored as processed with this outcome and never handled
     * @return whether it was new
     */
    boolean store(VerifiedEvent event, String payload, Optional<String> ignored, Instant now);

    Optional<InboxEvent> find(String eventId);

    /** The newest events about any of these Stripe objects (subscriptions, invoices, a customer). */
    List<InboxEvent> recentFor(java.util.Set<String> objectIds, int max);

    Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size);
}
