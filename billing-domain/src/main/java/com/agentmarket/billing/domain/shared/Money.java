package com.agentmarket.billing.domain.shared;

import java.util.regex.Pattern;

/**
 * An amount in the currency's minor units (cents for usd) and a lowercase ISO 4217 code, as Stripe keeps them.
 * Conversion to a decimal such as {@code 99.00} happens only at the edge.
 */
public record Money(long minorUnits, String currency) {

    private static final Pattern ISO_CODE = Pattern.compile("[a-z]{3}");

    public Money {
        DomainViolation.require(currency != null && ISO_CODE.matcher(currency).matches(),
                "currency must be a lowercase ISO 4217 code, was " + currency);
    }

    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }

    public static Money usd(long cents) {
        return new Money(cents, "usd");
    }

    public boolean isZero() {
        return minorUnits == 0;
    }
}
