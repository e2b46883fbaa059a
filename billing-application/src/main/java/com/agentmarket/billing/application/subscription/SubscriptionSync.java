package com.agentmarket.billing.application.subscription;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes our copy of a subscription what Stripe says it is now. Every path that learns about a subscription (the
 * checkout return, a webhook, our own cancel or resume) goes through here, always with the current object from
 * Stripe, never with an event's old snapshot, so the order in which they arrive cannot matter.
 */
@ApplicationScoped
public class SubscriptionSync {

    private final PaymentGateway gateway;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PlanCatalog catalog;
    private final InTransaction tx;

    @Inject
    public SubscriptionSync(PaymentGateway gateway, CustomerRepository customers, SubscriptionRepository subscriptions,
            PlanCatalog catalog, InTransaction tx) {
        this.gateway = gateway;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.tx = tx;
    }

    /** For CDI's client proxy. */
    protected SubscriptionSync() {
        this(null, null, null, null, null);
    }

    /**
     * Fetches the subscription from Stripe (outside any transaction) and stores it. {@code owner} is the customer
     * it must belong to when the caller knows (a checkout return): a subscription of someone else is not found.
     */
    public Optional<Subscription> syncFromStripe(StripeSubscriptionId id, Optional<CustomerId> owner) {
        return gateway.subscription(id)
                .map(snapshot -> InTransaction.retryingConflicts(tx, () -> apply(snapshot, owner)));
    }

    /** Inside the caller's transaction: stores what Stripe reported, and makes it the customer's current subscription. */
    public Subscription apply(SubscriptionSnapshot snapshot, Optional<CustomerId> expectedOwner) {
        Customer customer = ownerOf(snapshot, expectedOwner);
        if (customer.version() == 0) {
            customer = customers.save(customer);
        }
        Plan plan = snapshot.prices().stream().map(catalog::soldBy).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalStateException("subscription " + snapshot.id() + " sells none of the "
                        + "configured plan prices " + snapshot.prices() + "; check STRIPE_PRICE_*"));
        Subscription reported = Subscription.mirror(snapshot.id(), customer.id(), plan.id(), snapshot.status(),
                snapshot.currentPeriod(), snapshot.cancelAtPeriodEnd(), snapshot.cancelAt(),
                snapshot.items().stream().map(SubscriptionSnapshot.Item::id).collect(Collectors.toSet()));
        Subscription stored = subscriptions.save(
                subscriptions.find(snapshot.id()).map(existing -> existing.mirror(reported)).orElse(reported));
        Customer linked = customer.linkStripeCustomer(snapshot.customer());
        if (follows(customer, stored)) {
            linked = linked.followSubscription(stored.id());
        }
        if (!linked.equals(customer)) {
            customers.save(linked);
        }
        return stored;
    }

    private Customer ownerOf(SubscriptionSnapshot snapshot, Optional<CustomerId> expectedOwner) {
        Optional<Customer> byStripeId = customers.findByStripeCustomerId(snapshot.customer());
        if (expectedOwner.isPresent()) {
            if (byStripeId.isPresent() && !byStripeId.get().id().equals(expectedOwner.get())) {
                throw new BillingRejection(BillingRejection.Reason.NOT_FOUND, "No such subscription.");
            }
            return byStripeId.or(() -> customers.find(expectedOwner.get()))
                    .orElseGet(() -> Customer.register(expectedOwner.get(), Optional.empty()));
        }
        return byStripeId
                .or(() -> snapshot.customerIdMetadata().map(CustomerId::new)
                        .map(id -> customers.find(id).orElseGet(() -> Customer.register(id, Optional.empty()))))
                .orElseThrow(() -> new IllegalStateException("subscription " + snapshot.id() + " belongs to Stripe customer "
                        + snapshot.customer() + ", who is none of ours (no metadata.customer_id)"));
    }

    /**
     * Whether this subscription becomes the one that decides the customer's plan: it does unless the customer
     * already follows another one that still exists while this one has ended.
     */
    private boolean follows(Customer customer, Subscription subscription) {
        Optional<StripeSubscriptionId> followed = customer.stripeSubscriptionId();
        if (followed.isEmpty() || followed.get().equals(subscription.id())) {
            return true;
        }
        boolean followedStillExists = subscriptions.find(followed.get())
                .map(other -> other.status().blocksNewPurchase()).orElse(false);
        return !followedStillExists || subscription.status().blocksNewPurchase();
    }
}
