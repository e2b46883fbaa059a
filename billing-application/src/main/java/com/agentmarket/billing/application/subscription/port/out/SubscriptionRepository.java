package com.agentmarket.billing.application.subscription.port.out;

import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import java.util.Optional;

/** Our copies of Stripe subscriptions. */
public interface SubscriptionRepository {

    Optional<Subscription> find(StripeSubscriptionId id);

    /** Every subscription the customer had, newest period first. */
    java.util.List<Subscription> ofCustomer(com.agentmarket.billing.domain.customer.CustomerId customer);

    /** The subscription that has this item. */
    Optional<Subscription> findByItem(SubscriptionItemId item);

    /**
     * Stores a new subscription or a change to a stored one; a change from a stale copy fails with
     * {@link ConcurrentUpdateException}.
     *
     * @return the subscription as stored, with its new version
     */
    Subscription save(Subscription subscription);
}
