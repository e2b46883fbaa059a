package com.agentmarket.billing.application.work;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a failed piece of due work is tried again: {@code base} after the first failure, multiplied by {@code factor}
 * after each further one, never more than {@code cap} (a base above the cap waits the cap), and never sooner than the other side asked (a
 * {@code Retry-After}); after {@code maxAttempts} attempts it is given up for an operator.
 */
public record RetryPolicy(Duration base, int factor, Duration cap, int maxAttempts) {

    /** For work that must never be given up while the other side is only away (usage: giving up loses money). */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || cap.isNegative() || factor < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("a retry policy needs a base and a cap that are not negative, a factor of "
                    + "at least 1 and at least one attempt: " + base + ", " + factor + ", " + cap + ", " + maxAttempts);
        }
    }

    /** The wait after {@code attempts} failed attempts, at least {@code atLeast}, at most the cap. */
    public Duration delayAfter(int attempts, Duration atLeast) {
        Duration wait = base;
        // 62 doublings pass any cap a Duration can hold; a factor of 1 would only repeat itself.
        for (int i = 1; i < Math.min(attempts, 63) && factor > 1 && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(factor);
        }
        if (wait.compareTo(atLeast) < 0) {
            wait = atLeast;
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** When to try again after {@code attempts} attempts failed, or empty when that was the last one. */
    public Optional<Instant> nextAttempt(int attempts, Instant now, Duration atLeast) {
        return attempts >= maxAttempts ? Optional.empty() : Optional.of(now.plus(delayAfter(attempts, atLeast)));
    }
}
