package com.agentmarket.billing.domain.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {

    private static BillingPeriod period(String start, String end) {
        return new BillingPeriod(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void the_free_period_is_the_calendar_month_in_utc() {
        assertThat(BillingPeriod.calendarMonthOf(Instant.parse("2026-02-14T23:59:59Z")))
                .isEqualTo(period("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(BillingPeriod.calendarMonthOf(Instant.parse("2026-12-31T23:59:59Z")))
                .isEqualTo(period("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void a_period_includes_its_start_and_excludes_its_end() {
        BillingPeriod august = period("2026-08-03T10:00:00Z", "2026-09-03T10:00:00Z");

        assertThat(august.contains(Instant.parse("2026-08-03T10:00:00Z"))).isTrue();
        assertThat(august.contains(Instant.parse("2026-09-03T09:59:59Z"))).isTrue();
        assertThat(august.contains(Instant.parse("2026-09-03T10:00:00Z"))).isFalse();
    }

    @Test
    void a_period_that_ends_before_it_starts_does_not_exist() {
        assertThatThrownBy(() -> period("2026-09-03T10:00:00Z", "2026-09-03T10:00:00Z")).isInstanceOf(DomainViolation.class);
    }

    @Test
    void a_current_period_is_kept_as_it_is() {
        BillingPeriod august = period("2026-08-03T10:00:00Z", "2026-09-03T10:00:00Z");

        assertThat(august.renewedUntil(Instant.parse("2026-08-20T00:00:00Z"))).isSameAs(august);
    }

    @Test
    void usage_after_a_renewal_stripe_has_not_reported_yet_counts_towards_the_next_month() {
        BillingPeriod august = period("2026-08-03T10:00:00Z", "2026-09-03T10:00:00Z");

        assertThat(august.renewedUntil(Instant.parse("2026-09-03T10:00:05Z")))
                .isEqualTo(period("2026-09-03T10:00:00Z", "2026-10-03T10:00:00Z"));
        assertThat(august.renewedUntil(Instant.parse("2026-11-04T00:00:00Z")))
                .isEqualTo(period("2026-11-03T10:00:00Z", "2026-12-03T10:00:00Z"));
    }

    @Test
    void renewal_keeps_the_anchor_day_through_short_months() {
        BillingPeriod january = period("2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z");

        assertThat(january.renewedUntil(Instant.parse("2026-02-28T12:00:00Z")))
                .isEqualTo(period("2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z"));
        assertThat(january.renewedUntil(Instant.parse("2026-03-31T00:00:00Z")))
                .isEqualTo(period("2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z"));
    }

    @Test
    void the_unused_share_of_a_payment_is_prorated_by_the_second_and_rounded_down() {
        BillingPeriod september = new BillingPeriod(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"));
        com.agentmarket.billing.domain.shared.Money paid = com.agentmarket.billing.domain.shared.Money.usd(2900);

        assertThat(september.unusedShareOf(paid, Instant.parse("2026-09-01T00:00:00Z"))).isEqualTo(paid);
        assertThat(september.unusedShareOf(paid, Instant.parse("2026-08-20T00:00:00Z"))).as("before it started").isEqualTo(paid);
        assertThat(september.unusedShareOf(paid, Instant.parse("2026-09-16T00:00:00Z")).minorUnits()).isEqualTo(1450);
        assertThat(september.unusedShareOf(paid, Instant.parse("2026-09-01T01:00:00Z")).minorUnits())
                .as("2900 x 719/720, rounded down").isEqualTo(2895);
        assertThat(september.unusedShareOf(paid, Instant.parse("2026-10-01T00:00:00Z")).isZero()).isTrue();
    }
}
