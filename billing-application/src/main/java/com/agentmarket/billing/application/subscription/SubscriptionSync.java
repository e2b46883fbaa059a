package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.SubscriptionMirror.Mirrored;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes our copy of a subscription what Stripe says it is now. Every path that learns about a subscription (the
 * checkout return, a webhook) comes through here, always with the current object from Stripe, never with an
 * event's old snapshot, so the order in which they arrive cannot matter; a report asked for earlier than the one we
 * hold never overwrites it. A second live subscription of the customer that this reveals is ended before returning.
 */
@ApplicationScoped
public class SubscriptionSync {

    private final PaymentGateway gateway;
    private final SubscriptionMirror mirror;
    private final DuplicateSubscriptions duplicates;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    public SubscriptionSync(PaymentGateway gateway, SubscriptionMirror mirror, DuplicateSubscriptions duplicates,
            InTransaction tx, Clock clock) {
        this.gateway = gateway;
        this.mirror = mirror;
        this.duplicates = duplicates;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected SubscriptionSync() {
        this(null, null, null, null, null);
    }

    /**
     * Fetches the subscription from Stripe (outside any transaction) and stores it. {@code owner} is the customer it
     * must belong to when the caller knows (a checkout return): a subscription of someone else is not found.
     */
    public Mirrored syncFromStripe(StripeSubscriptionId id, Optional<CustomerId> owner) {
        Instant asked = clock.now();
        Optional<SubscriptionSnapshot> found = gateway.subscription(id);
        if (found.isEmpty()) {
            return Mirrored.skipped("Stripe has no subscription " + id);
        }
        Mirrored mirrored = InTransaction.retryingConflicts(tx, () -> mirror.apply(found.get(), asked, owner));
        mirrored.duplicates().forEach(duplicates::resolve);
        return mirrored;
    }
}
