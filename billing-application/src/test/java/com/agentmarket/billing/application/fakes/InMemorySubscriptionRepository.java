package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SubscriptionRepository} in a map, with the same optimistic locking as the real one. */
public class InMemorySubscriptionRepository implements SubscriptionRepository {

    private final Map<StripeSubscriptionId, Subscription> stored = new ConcurrentHashMap<>();

    @Override
    public Optional<Subscription> find(StripeSubscriptionId id) {
        return Optional.ofNullable(stored.get(id));
    }

    @Override
    public java.util.List<Subscription> ofCustomer(com.agentmarket.billing.domain.customer.CustomerId customer) {
        return stored.values().stream().filter(s -> s.customerId().equals(customer)).toList();
    }

    @Override
    public Optional<Subscription> findByItem(com.agentmarket.billing.domain.subscription.SubscriptionItemId item) {
        return stored.values().stream().filter(s -> s.hasItem(item)).findFirst();
    }

    @Override
    public synchronized Subscription save(Subscription subscription) {
        Subscription previous = stored.get(subscription.id());
        long expected = previous == null ? 0 : previous.version();
        if (subscription.version() != expected) {
            throw new ConcurrentUpdateException("subscription " + subscription.id() + " changed since it was read", null);
        }
        Subscription saved = Subscription.reconstitute(subscription.id(), subscription.customerId(), subscription.plan(),
                subscription.status(), subscription.currentPeriod(), subscription.cancelAtPeriodEnd(),
                subscription.cancelAt(), subscription.items(), subscription.created(), subscription.observedAt(), expected + 1)
                .withTrialEnd(subscription.trialEnd())
                .withPlanChanges(subscription.pendingChange(), subscription.upgradeAwaitingPayment());
        stored.put(subscription.id(), saved);
        return saved;
    }
}
