package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Our copy of a Stripe subscription: which plan a customer pays for, in which state, over which period. Stripe is
 * the source of truth; this copy is replaced whole by what Stripe reports ({@link #mirror}).
 */
public final class Subscription {

    private final StripeSubscriptionId id;
    private final CustomerId customerId;
    private final PlanId plan;
    private final SubscriptionStatus status;
    private final BillingPeriod currentPeriod;
    private final boolean cancelAtPeriodEnd;
    private final Optional<Instant> cancelAt;
    private final Set<SubscriptionItemId> items;
    private final long version;

    private Subscription(StripeSubscriptionId id, CustomerId customerId, PlanId plan, SubscriptionStatus status,
            BillingPeriod currentPeriod, boolean cancelAtPeriodEnd, Optional<Instant> cancelAt,
            Set<SubscriptionItemId> items, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.plan = Objects.requireNonNull(plan, "plan");
        DomainViolation.require(plan.isPaid(), "a Stripe subscription is always for a paid plan");
        this.status = Objects.requireNonNull(status, "status");
        this.currentPeriod = Objects.requireNonNull(currentPeriod, "currentPeriod");
        this.cancelAtPeriodEnd = cancelAtPeriodEnd;
        this.cancelAt = Objects.requireNonNull(cancelAt, "cancelAt");
        this.items = Set.copyOf(items);
        DomainViolation.require(version >= 0, "version must not be negative");
        this.version = version;
    }

    /** A subscription as Stripe reports it now, for a customer we have not stored it for yet. */
    public static Subscription mirror(StripeSubscriptionId id, CustomerId customerId, PlanId plan,
            SubscriptionStatus status, BillingPeriod currentPeriod, boolean cancelAtPeriodEnd, Optional<Instant> cancelAt,
            Set<SubscriptionItemId> items) {
        return new Subscription(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, 0);
    }

    public static Subscription reconstitute(StripeSubscriptionId id, CustomerId customerId, PlanId plan,
            SubscriptionStatus status, BillingPeriod currentPeriod, boolean cancelAtPeriodEnd, Optional<Instant> cancelAt,
            Set<SubscriptionItemId> items, long version) {
        return new Subscription(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, version);
    }

    /**
     * This subscription replaced by what Stripe reports now. A subscription never moves to another customer.
     */
    public Subscription mirror(Subscription current) {
        DomainViolation.require(current.id.equals(id), "not the same subscription: " + current.id + " vs " + id);
        DomainViolation.require(current.customerId.equals(customerId),
                "subscription " + id + " belongs to " + customerId + ", not " + current.customerId);
        return new Subscription(id, customerId, current.plan, current.status, current.currentPeriod,
                current.cancelAtPeriodEnd, current.cancelAt, current.items, version);
    }

    public StripeSubscriptionId id() {
        return id;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public PlanId plan() {
        return plan;
    }

    public SubscriptionStatus status() {
        return status;
    }

    public BillingPeriod currentPeriod() {
        return currentPeriod;
    }

    public boolean cancelAtPeriodEnd() {
        return cancelAtPeriodEnd;
    }

    /** The time Stripe will cancel the subscription at, as Stripe reports it. */
    public Optional<Instant> cancelAt() {
        return cancelAt;
    }

    /** When the subscription ends if nothing changes: Stripe's {@code cancel_at}, or the period end when cancelling then. */
    public Optional<Instant> scheduledEnd() {
        return cancelAt.or(() -> cancelAtPeriodEnd ? Optional.of(currentPeriod.end()) : Optional.empty());
    }

    /** The subscription's items (one per price: the tier's, and the metered one with overage billing). */
    public Set<SubscriptionItemId> items() {
        return items;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subscription that && id.equals(that.id) && customerId.equals(that.customerId)
                && plan == that.plan && status == that.status && currentPeriod.equals(that.currentPeriod)
                && cancelAtPeriodEnd == that.cancelAtPeriodEnd && cancelAt.equals(that.cancelAt) && items.equals(that.items)
                && version == that.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, version);
    }

    @Override
    public String toString() {
        return "Subscription[" + id + ", " + customerId + ", " + plan + ", " + status + "]";
    }
}
