package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
class GetMySubscriptionService implements GetMySubscription {

    private final CustomerRepository customers;
    private final CurrentSubscriptions current;
    private final PlanCatalog catalog;
    private final Clock clock;

    @Inject
    GetMySubscriptionService(CustomerRepository customers, CurrentSubscriptions current, PlanCatalog catalog, Clock clock) {
        this.customers = customers;
        this.current = current;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected GetMySubscriptionService() {
        this(null, null, null, null);
    }

    @Override
    @Transactional
    public SubscriptionView mySubscription(CustomerId caller) {
        return customers.find(caller)
                .flatMap(current::of)
                .filter(subscription -> subscription.customerId().equals(caller))
                .filter(subscription -> !subscription.status().isEnded())
                .map(subscription -> SubscriptionView.of(subscription, catalog.plan(subscription.plan())).asOf(clock.now()))
                .orElseGet(() -> SubscriptionView.free(catalog.free(), BillingPeriod.calendarMonthOf(clock.now())));
    }
}
