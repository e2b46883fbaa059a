package com.agentmarket.billing.application.work;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one kind of due work stands.
 *
 * @param waiting open items that have not failed yet
 * @param retrying open items that failed and wait for their next attempt
 * @param dead items given up, waiting for an operator
 * @param oldest when the oldest open item was queued
 */
public record WorkBacklog(WorkKind kind, long waiting, long retrying, long dead, Optional<Instant> oldest) {

    public WorkBacklog {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(oldest, "oldest");
    }

    public long open() {
        return waiting + retrying;
    }

    /** How long the oldest open item has waited at {@code now}; zero when nothing waits. */
    public long oldestAgeSeconds(Instant now) {
        return oldest.map(at -> Math.max(0, Duration.between(at, now).toSeconds())).orElse(0L);
    }
}
