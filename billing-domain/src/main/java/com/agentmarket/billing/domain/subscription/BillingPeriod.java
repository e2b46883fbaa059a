package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.shared.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A half-open span of time {@code [start, end)} over which usage is counted and billed. */
public record BillingPeriod(Instant start, Instant end) {

    public BillingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        DomainViolation.require(start.isBefore(end), "a billing period must end after it starts: " + start + " .. " + end);
        start = start.truncatedTo(ChronoUnit.SECONDS);
        end = end.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The calendar month (UTC) that contains the instant: the Free plan's period. */
    public static BillingPeriod calendarMonthOf(Instant instant) {
        ZonedDateTime first = instant.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        return new BillingPeriod(first.toInstant(), first.plusMonths(1).toInstant());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /**
     * The period that contains the instant, assuming monthly renewal from this period's end. Stripe renews a
     * subscription at period end and tells us a little later; until it does, usage must already count towards the
     * new period rather than the one that is over. Stripe keeps the anchor day and clamps it to short months, as
     * {@link ZonedDateTime#plusMonths(long)} does.
     */
    public BillingPeriod renewedUntil(Instant instant) {
        if (instant.isBefore(end)) {
            return this;
        }
        ZonedDateTime anchor = end.atZone(ZoneOffset.UTC);
        long months = ChronoUnit.MONTHS.between(anchor, instant.atZone(ZoneOffset.UTC));
        while (anchor.plusMonths(months).toInstant().isAfter(instant)) {
            months--;
        }
        while (!anchor.plusMonths(months + 1).toInstant().isAfter(instant)) {
            months++;
        }
        return new BillingPeriod(anchor.plusMonths(months).toInstant(), anchor.plusMonths(months + 1).toInstant());
    }

    /**
     * The part of an amount paid for this period that pays for the time from {@code at} to the end, rounded down to
     * the minor unit (a prorated refund never gives back more than was paid for the unused time).
     */
    public Money unusedShareOf(Money paid, Instant at) {
        DomainViolation.require(paid.minorUnits() >= 0, "a paid amount is not negative");
        if (!at.isBefore(end)) {
            return Money.of(0, paid.currency());
        }
        Instant from = at.isAfter(start) ? at : start;
        long unused = java.time.Duration.between(from, end).toSeconds();
        long whole = java.time.Duration.between(start, end).toSeconds();
        return Money.of(java.math.BigInteger.valueOf(paid.minorUnits()).multiply(java.math.BigInteger.valueOf(unused))
                .divide(java.math.BigInteger.valueOf(whole)).longValueExact(), paid.currency());
    }
}
