package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.subscription.Entitlement;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/** Reads a customer's current subscription and what it entitles the customer to. Used inside a use case's transaction. */
@ApplicationScoped
public class CurrentSubscriptions {

    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PlanCatalog catalog;

    @Inject
    public CurrentSubscriptions(CustomerRepository customers, SubscriptionRepository subscriptions, PlanCatalog catalog) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
    }

    /** For CDI's client proxy. */
    protected CurrentSubscriptions() {
        this(null, null, null);
    }

    /** The subscription the customer follows, if any (of whatever status). */
    public Optional<Subscription> of(Customer customer) {
        return customer.stripeSubscriptionId().flatMap(subscriptions::find);
    }

    /** The subscription the customer follows, if the customer is stored and follows one. */
    public Optional<Subscription> of(CustomerId customer) {
        return customers.find(customer).flatMap(this::of);
    }

    /** What the customer may do at {@code now}; a customer we never stored is an active Free customer. */
    /** Whether the customer ever had a subscription we know of, whatever became of it. */
    public boolean everSubscribed(CustomerId customer) {
        return !subscriptions.ofCustomer(customer).isEmpty();
    }

    public Entitlement entitlementOf(CustomerId id, Instant now) {
        return customers.find(id)
                .map(customer -> Entitlement.of(customer, of(customer), catalog, now))
                .orElseGet(() -> Entitlement.ofNewcomer(catalog, now));
    }
}
