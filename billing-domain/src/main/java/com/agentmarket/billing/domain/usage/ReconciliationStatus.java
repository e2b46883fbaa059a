package com.agentmarket.billing.domain.usage;

import java.util.Locale;

/**
 * How one customer's usage over one window compares with what Stripe's meter holds for it: the same, less at Stripe
 * (an event lost or never sent), more at Stripe (an event counted twice), repaired by a correction, or a difference
 * only a person may settle (an excess older than Stripe lets us cancel: refunding is a decision).
 */
public enum ReconciliationStatus {
    MATCHED,
    MISSING_AT_STRIPE,
    EXTRA_AT_STRIPE,
    CORRECTED,
    NEEDS_OPERATOR;

    /** The comparison of what we reported with what Stripe summed. */
    public static ReconciliationStatus compare(long ours, long stripe) {
        if (ours == stripe) {
            return MATCHED;
        }
        return stripe < ours ? MISSING_AT_STRIPE : EXTRA_AT_STRIPE;
    }

    /** Whether the window still differs from Stripe. */
    public boolean isDrift() {
        return this == MISSING_AT_STRIPE || this == EXTRA_AT_STRIPE || this == NEEDS_OPERATOR;
    }

    /** The spelling in the API, e.g. {@code missing-at-stripe}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
