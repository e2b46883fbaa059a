package com.agentmarket.billing.application.work;

import java.time.Duration;
import java.util.Objects;

/**
 * How one kind of due work runs on each server.
 *
 * @param pollInterval how often a server looks for due work of this kind
 * @param batch how many items one claim takes
 * @param lease how long a claim is the server's; after that (a crashed server) another takes the item over. Longer
 *        than one item can take.
 * @param concurrency how many claimed items one server works on side by side (1: in the claim's order)
 */
public record WorkSettings(Duration pollInterval, int batch, Duration lease, int concurrency, RetryPolicy retry) {

    public WorkSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(retry, "retry");
        if (pollInterval.isNegative() || pollInterval.isZero() || batch < 1 || lease.isNegative() || lease.isZero()
                || concurrency < 1) {
            throw new IllegalArgumentException("due work needs a positive poll interval, batch, lease and concurrency");
        }
    }
}
