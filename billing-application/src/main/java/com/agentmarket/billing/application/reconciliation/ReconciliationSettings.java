package com.agentmarket.billing.application.reconciliation;

import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how usage is compared with Stripe's meter ({@code BILLING_RECONCILE_MODE}, {@code BILLING_RECONCILE_LAG_MS}).
 *
 * @param lag how long after an hour ends its events are taken to be in Stripe's summaries (Stripe aggregates late)
 * @param maxAge how far back windows are compared: Stripe takes meter events of the last 35 days only
 */
public record ReconciliationSettings(Mode mode, Duration lag, Duration maxAge) {

    /** What is done about a difference. */
    public enum Mode {
        /** Record it, count it, show it. */
        REPORT,
        /** Record it and repair what can be repaired. */
        CORRECT
    }

    /** Stripe's window for meter events. */
    public static final Duration STRIPE_METER_WINDOW = BillingMeter.OLDEST_EVENT;

    public ReconciliationSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(maxAge, "maxAge");
    }
}
