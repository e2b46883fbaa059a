package com.agentmarket.billing.application.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-08-20T12:00:00Z");
    /** The usage reporter's: a second, doubling, at most five minutes, never given up. */
    private final RetryPolicy usage = new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), RetryPolicy.UNLIMITED);

    @Test
    void backoff_grows_from_stripes_hint_and_is_capped() {
        assertThat(usage.delayAfter(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(usage.delayAfter(4, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(8));
        assertThat(usage.delayAfter(30, Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void the_wait_starts_at_the_base_and_multiplies_by_the_factor() {
        RetryPolicy webhooks = new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofHours(1), 8);

        assertThat(webhooks.delayAfter(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(webhooks.delayAfter(2, Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
        assertThat(webhooks.delayAfter(7, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(webhooks.delayAfter(8, Duration.ZERO)).as("capped").isEqualTo(Duration.ofHours(1));
        assertThat(webhooks.delayAfter(Integer.MAX_VALUE, Duration.ZERO)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void the_last_attempt_gives_up_and_unlimited_never_does() {
        RetryPolicy three = new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofHours(1), 3);

        assertThat(three.nextAttempt(2, NOW, Duration.ZERO)).contains(NOW.plusSeconds(2));
        assertThat(three.nextAttempt(3, NOW, Duration.ZERO)).isEmpty();
        assertThat(usage.nextAttempt(1_000_000, NOW, Duration.ZERO)).contains(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_policy_that_would_never_try_or_wait_backwards_is_refused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofHours(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(-1), 2, Duration.ofHours(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0, Duration.ofHours(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_zero_base_retries_at_once_and_a_base_above_the_cap_waits_the_cap() {
        assertThat(new RetryPolicy(Duration.ZERO, 2, Duration.ofHours(1), 3).delayAfter(2, Duration.ZERO)).isZero();
        assertThat(new RetryPolicy(Duration.ofHours(2), 2, Duration.ofHours(1), 3).delayAfter(1, Duration.ZERO))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_constant_backoff_stays_constant_however_many_attempts() {
        RetryPolicy constant = new RetryPolicy(Duration.ofSeconds(5), 1, Duration.ofMinutes(1), RetryPolicy.UNLIMITED);

        assertThat(constant.delayAfter(Integer.MAX_VALUE, Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    }
}
