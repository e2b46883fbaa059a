package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Our copy of a Stripe subscription: which plan a customer pays for, in which state, over which period. Stripe is
 * the source of truth; this copy is replaced whole by what Stripe reports ({@link #mirror}), unless the report is
 * older than what we hold.
 */
public final class Subscription {

    private final StripeSubscriptionId id;
    private final CustomerId customerId;
    private final PlanId plan;
    private final SubscriptionStatus status;
    private final BillingPeriod currentPeriod;
    private final boolean cancelAtPeriodEnd;
    private final Optional<Instant> cancelAt;
    private final Set<SubscriptionItem> items;
    private final Instant created;
    private final Instant observedAt;
    private final long version;
    private final Optional<Instant> trialEnd;
    private final Optional<PendingChange> pendingChange;
    private final Optional<Instant> upgradeAwaitingPayment;

    private Subscription(StripeSubscriptionId id, CustomerId customerId, PlanId plan, SubscriptionStatus status,
            BillingPeriod currentPeriod, boolean cancelAtPeriodEnd, Optional<Instant> cancelAt,
            Set<SubscriptionItem> items, Instant created, Instant observedAt, long version, Optional<Instant> trialEnd,
            Optional<PendingChange> pendingChange, Optional<Instant> upgradeAwaitingPayment) {
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.plan = Objects.requireNonNull(plan, "plan");
        DomainViolation.require(plan.isPaid(), "a Stripe subscription is always for a paid plan");
        this.status = Objects.requireNonNull(status, "status");
        this.currentPeriod = Objects.requireNonNull(currentPeriod, "currentPeriod");
        this.cancelAtPeriodEnd = cancelAtPeriodEnd;
        this.cancelAt = Objects.requireNonNull(cancelAt, "cancelAt");
        this.items = Set.copyOf(items);
        this.created = Objects.requireNonNull(created, "created");
        this.observedAt = Objects.requireNonNull(observedAt, "observedAt");
        DomainViolation.require(version >= 0, "version must not be negative");
        this.version = version;
        this.trialEnd = Objects.requireNonNull(trialEnd, "trialEnd");
        this.pendingChange = Objects.requireNonNull(pendingChange, "pendingChange");
        this.upgradeAwaitingPayment = Objects.requireNonNull(upgradeAwaitingPayment, "upgradeAwaitingPayment");
    }

    /**
     * A subscription as Stripe reported it, for a customer we have not stored it for yet.
     *
     * @param created when Stripe created it
     * @param observedAt when we asked Stripe for this state: of two reports, the one asked for later wins
     */
    public static Subscription mirror(StripeSubscriptionId id, CustomerId customerId, PlanId plan,
            SubscriptionStatus status, BillingPeriod currentPeriod, boolean cancelAtPeriodEnd, Optional<Instant> cancelAt,
            Set<SubscriptionItem> items, Instant created, Instant observedAt) {
        return new Subscription(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, created,
                observedAt, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Subscription reconstitute(StripeSubscriptionId id, CustomerId customerId, PlanId plan,
            SubscriptionStatus status, BillingPeriod currentPeriod, boolean cancelAtPeriodEnd, Optional<Instant> cancelAt,
            Set<SubscriptionItem> items, Instant created, Instant observedAt, long version) {
        return new Subscription(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, created,
                observedAt, version, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * This subscription replaced by what Stripe reported, unless that report is stale. Stripe never revives a
     * canceled or expired subscription, so its end is final: a report of an end wins whenever it was asked for, and
     * a report showing an ended subscription live again is old. Between two live states, the report asked for later
     * wins (two syncs that overlap may finish in any order). A subscription never moves to another customer.
     */
    public Subscription mirror(Subscription reported) {
        DomainViolation.require(reported.id.equals(id), "not the same subscription: " + reported.id + " vs " + id);
        DomainViolation.require(reported.customerId.equals(customerId),
                "subscription " + id + " belongs to " + customerId + ", not " + reported.customerId);
        boolean stale = status.isEnded() ? !reported.status.isEnded() || reported.observedAt.isBefore(observedAt)
                : !reported.status.isEnded() && reported.observedAt.isBefore(observedAt);
        if (stale) {
            return this;
        }
        return new Subscription(id, customerId, reported.plan, reported.status, reported.currentPeriod,
                reported.cancelAtPeriodEnd, reported.cancelAt, reported.items, reported.created,
                reported.observedAt.isAfter(observedAt) ? reported.observedAt : observedAt, version, reported.trialEnd,
                reported.pendingChange, reported.upgradeAwaitingPayment);
    }

    /** The same subscription with the end of its trial as Stripe reports it (empty: none). */
    public Subscription withTrialEnd(Optional<Instant> end) {
        return new Subscription(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, created,
                observedAt, version, end, pendingChange, upgradeAwaitingPayment);
    }

    /**
     * The same subscription with the plan changes Stripe holds for it: a downgrade scheduled for a later date (only
     * when it is to another tier than this one), and an upgrade whose payment has not succeeded yet (Stripe's pending
     * update, until it expires). Neither changes the plan the customer has now.
     */
    public Subscription withPlanChanges(Optional<PendingChange> pending, Optional<Instant> upgradeAwaitingPaymentUntil) {
        return new Subscription(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, created,
                observedAt, version, trialEnd, pending.filter(change -> change.plan() != plan), upgradeAwaitingPaymentUntil);
    }

    /** The downgrade Stripe will make at a later date (the end of the period), if one is scheduled. */
    public Optional<PendingChange> pendingChange() {
        return pendingChange;
    }

    /**
     * Until when an upgrade waits for its payment (Stripe's {@code pending_update}); meanwhile the plan stays as it
     * is and no other change can be made.
     */
    public Optional<Instant> upgradeAwaitingPayment() {
        return upgradeAwaitingPayment;
    }

    /** The item that bills the tier (the other one, with overage billing, bills executions beyond the quota). */
    public Optional<SubscriptionItem> tierItem(PlanCatalog catalog) {
        return items.stream().filter(item -> item.price().flatMap(catalog::tierBilledBy).isPresent())
                .min(java.util.Comparator.comparing(item -> item.id().value()));
    }

    /** When its trial ends (or ended); empty when it had none. */
    public Optional<Instant> trialEnd() {
        return trialEnd;
    }

    /**
     * Whether the subscription gives the customer its plan at {@code now}: its status says so and no known end
     * ({@link #scheduledEnd}) has passed, even if Stripe has not told us yet that it ended.
     */
    public boolean entitlesAt(Instant now) {
        return status.entitlesSubscribedPlan() && beforeScheduledEnd(now);
    }

    /** Whether the subscription still stands at {@code now}, so that buying another would charge twice. */
    public boolean isLiveAt(Instant now) {
        return status.blocksNewPurchase() && beforeScheduledEnd(now);
    }

    private boolean beforeScheduledEnd(Instant now) {
        return scheduledEnd().map(now::isBefore).orElse(true);
    }

    /**
     * The period usage counts in at {@code now}: the current one, rolled forward monthly when Stripe has renewed
     * without telling us yet (see {@link BillingPeriod#renewedUntil}), but never past a known end.
     */
    public BillingPeriod periodAt(Instant now) {
        BillingPeriod period = currentPeriod.renewedUntil(now);
        return scheduledEnd().filter(end -> end.isAfter(period.start()) && end.isBefore(period.end()))
                .map(end -> new BillingPeriod(period.start(), end)).orElse(period);
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
    public Set<SubscriptionItem> items() {
        return items;
    }

    /** Whether one of the items bills this price. */
    public boolean bills(PriceId price) {
        return items.stream().anyMatch(item -> item.price().equals(Optional.of(price)));
    }

    /** Whether the item is one of this subscription's. */
    public boolean hasItem(SubscriptionItemId item) {
        return items.stream().anyMatch(candidate -> candidate.id().equals(item));
    }

    /** When Stripe created the subscription: of two live subscriptions of one customer, the first one stays. */
    public Instant created() {
        return created;
    }

    /** When we asked Stripe for the state this copy holds. */
    public Instant observedAt() {
        return observedAt;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subscription that && id.equals(that.id) && customerId.equals(that.customerId)
                && plan == that.plan && status == that.status && currentPeriod.equals(that.currentPeriod)
                && cancelAtPeriodEnd == that.cancelAtPeriodEnd && cancelAt.equals(that.cancelAt) && items.equals(that.items)
                && created.equals(that.created) && observedAt.equals(that.observedAt) && version == that.version
                && trialEnd.equals(that.trialEnd) && pendingChange.equals(that.pendingChange)
                && upgradeAwaitingPayment.equals(that.upgradeAwaitingPayment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, customerId, plan, status, currentPeriod, cancelAtPeriodEnd, cancelAt, items, created, observedAt,
                version);
    }

    @Override
    public String toString() {
        return "Subscription[" + id + ", " + customerId + ", " + plan + ", " + status + "]";
    }
}
