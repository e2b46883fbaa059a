package com.agentmarket.billing.adapter.out.persistence.subscription;

import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import jakarta.persistence.EntityManager;

/** Test access to the package-private adapter. */
public final class SubscriptionRepositories {

    private SubscriptionRepositories() {
    }

    public static SubscriptionRepository on(EntityManager em) {
        return new JpaSubscriptionRepository(em);
    }
}
