package com.agentmarket.billing.application.webhook;

import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored webhook event and where its processing stands. */
public record InboxEvent(VerifiedEvent event, Status status, int attempts, Optional<String> outcome,
        Optional<Instant> nextAttemptAt, Instant receivedAt, Optional<Instant> processedAt) {

    /** The statuses operators see (CONTRACT.md). */
    public enum Status {
        /** Stored, waiting for the worker. */
        RECEIVED,
        /** Handled (or deliberately ignored: see the outcome). */
        PROCESSED,
        /** Failed; will be tried again at {@code nextAttemptAt}. */
        RETRYING,
        /** Failed too often; waits for an operator's replay. */
        DEAD
    }

    public InboxEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(processedAt, "processedAt");
    }
}
