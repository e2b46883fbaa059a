package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An invoice as we recorded it.
 *
 * @param observedAt when we asked Stripe for the state recorded: an older answer never overwrites a newer one
 * @param version the version of our record: a report replaces only the record it was weighed against
 */
public record RecordedInvoice(String id, Optional<StripeSubscriptionId> subscription, String status, Instant created,
        Instant observedAt, long version) {

    /** Stripe's statuses of a finalized invoice that is still owed: Stripe retries it, or gave up collecting it. */
    private static final Set<String> OWED = Set.of("open", "uncollectible");

    public RecordedInvoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** Stripe's statuses no invoice leaves: paid, or void (canceled, never to be paid). */
    private static final Set<String> FINAL = Set.of("paid", "void");

    static boolean isPaid(String status) {
        return status.equals("paid");
    }

    static boolean isFinal(String status) {
        return FINAL.contains(status);
    }

    public boolean isFinal() {
        return isFinal(status);
    }

    public boolean isPaid() {
        return isPaid(status);
    }

    /** Finalized and not paid: a draft is not due yet, a void one is not due at all. */
    public boolean isOwed() {
        return OWED.contains(status);
    }
}
