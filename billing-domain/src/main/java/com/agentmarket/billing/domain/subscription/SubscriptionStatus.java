package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.util.Arrays;
import java.util.Locale;

/**
 * A Stripe subscription status and what it entitles the customer to. Stripe owns the transitions between them; we
 * mirror what it reports.
 */
public enum SubscriptionStatus {
    INCOMPLETE(false, false),
    INCOMPLETE_EXPIRED(false, true),
    TRIALING(true, false),
    ACTIVE(true, false),
    /** Stripe is retrying a failed payment: the plan stays, unless the account is suspended. */
    PAST_DUE(true, false),
    CANCELED(false, true),
    UNPAID(false, false),
    PAUSED(false, false);

    private final boolean entitlesSubscribedPlan;
    private final boolean ended;

    SubscriptionStatus(boolean entitlesSubscribedPlan, boolean ended) {
        this.entitlesSubscribedPlan = entitlesSubscribedPlan;
        this.ended = ended;
    }

    /** Whether the customer gets the subscribed plan's quota; otherwise the Free quota applies. */
    public boolean entitlesSubscribedPlan() {
        return entitlesSubscribedPlan;
    }

    /** An ended subscription can never become active again; a new one must be bought. */
    public boolean isEnded() {
        return ended;
    }

    /**
     * Whether the subscription still exists for the customer (paying, trying to, or paused), so that buying another
     * would charge twice; the customer portal is where it changes. An incomplete subscription has not been paid yet
     * and expires on its own, so it does not block a new checkout.
     */
    public boolean blocksNewPurchase() {
        return !ended && this != INCOMPLETE;
    }

    /** Stripe's spelling, e.g. {@code past_due}. */
    public String stripeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus fromStripe(String status) {
        return Arrays.stream(values())
                .filter(candidate -> candidate.stripeName().equals(status))
                .findFirst()
                .orElseThrow(() -> new DomainViolation("unknown Stripe subscription status: " + status));
    }
}
