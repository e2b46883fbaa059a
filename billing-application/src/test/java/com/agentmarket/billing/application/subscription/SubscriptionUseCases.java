package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;

/** Test access to this package's use-case services, wired to the fakes. */
public final class SubscriptionUseCases {

    private SubscriptionUseCases() {
    }

    public static GetMySubscription getMySubscription(TestBilling billing) {
        return new GetMySubscriptionService(billing.customers, billing.current, billing.catalog, billing.clock);
    }
}
