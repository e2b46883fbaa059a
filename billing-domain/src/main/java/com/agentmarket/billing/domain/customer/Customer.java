package com.agentmarket.billing.domain.customer;

import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer of the marketplace, known by the platform's user id. It references its Stripe customer and its current
 * Stripe subscription by id only; what it is entitled to follows from that subscription (see
 * {@link com.agentmarket.billing.domain.subscription.Entitlement}).
 *
 * <p>Immutable: every change returns a new instance carrying the same {@link #version()}, which the repository uses
 * for optimistic locking.
 */
public final class Customer {

    private final CustomerId id;
    private final Optional<Email> email;
    private final Optional<StripeCustomerId> stripeCustomerId;
    private final Optional<StripeSubscriptionId> stripeSubscriptionId;
    private final AccountStatus status;
    private final long version;

    private Customer(CustomerId id, Optional<Email> email, Optional<StripeCustomerId> stripeCustomerId,
            Optional<StripeSubscriptionId> stripeSubscriptionId, AccountStatus status, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.stripeCustomerId = Objects.requireNonNull(stripeCustomerId, "stripeCustomerId");
        this.stripeSubscriptionId = Objects.requireNonNull(stripeSubscriptionId, "stripeSubscriptionId");
        this.status = Objects.requireNonNull(status, "status");
        DomainViolation.require(version >= 0, "version must not be negative");
        this.version = version;
    }

    /** A customer seen for the first time: active, on no subscription, not yet known to Stripe. */
    public static Customer register(CustomerId id, Optional<Email> email) {
        return new Customer(id, email, Optional.empty(), Optional.empty(), AccountStatus.ACTIVE, 0);
    }

    /** Rebuilds a stored customer. */
    public static Customer reconstitute(CustomerId id, Optional<Email> email, Optional<StripeCustomerId> stripeCustomerId,
            Optional<StripeSubscriptionId> stripeSubscriptionId, AccountStatus status, long version) {
        return new Customer(id, email, stripeCustomerId, stripeSubscriptionId, status, version);
    }

    /** Keeps the address the identity provider vouches for; an absent claim leaves the known address alone. */
    public Customer withEmail(Optional<Email> claimed) {
        if (claimed.isEmpty() || claimed.equals(email)) {
            return this;
        }
        return new Customer(id, claimed, stripeCustomerId, stripeSubscriptionId, status, version);
    }

    /**
     * Links the Stripe customer that pays for this customer. A customer is linked once: a different Stripe customer
     * for the same platform user would split its invoices and subscriptions, so it is refused.
     */
    public Customer linkStripeCustomer(StripeCustomerId stripeId) {
        Objects.requireNonNull(stripeId, "stripeId");
        if (stripeCustomerId.isPresent() && !stripeCustomerId.get().equals(stripeId)) {
            throw new DomainViolation("customer " + id + " is already linked to Stripe customer " + stripeCustomerId.get());
        }
        return stripeCustomerId.isPresent() ? this
                : new Customer(id, email, Optional.of(stripeId), stripeSubscriptionId, status, version);
    }

    /** Points at the Stripe subscription that currently decides the customer's plan. */
    public Customer followSubscription(StripeSubscriptionId subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        return new Customer(id, email, stripeCustomerId, Optional.of(subscriptionId), status, version);
    }

    public boolean isSuspended() {
        return status == AccountStatus.SUSPENDED;
    }

    public CustomerId id() {
        return id;
    }

    public Optional<Email> email() {
        return email;
    }

    public Optional<StripeCustomerId> stripeCustomerId() {
        return stripeCustomerId;
    }

    public Optional<StripeSubscriptionId> stripeSubscriptionId() {
        return stripeSubscriptionId;
    }

    public AccountStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Customer that && id.equals(that.id) && email.equals(that.email)
                && stripeCustomerId.equals(that.stripeCustomerId) && stripeSubscriptionId.equals(that.stripeSubscriptionId)
                && status == that.status && version == that.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, email, stripeCustomerId, stripeSubscriptionId, status, version);
    }

    @Override
    public String toString() {
        return "Customer[" + id + ", " + status + ", stripe=" + stripeCustomerId.map(Object::toString).orElse("-") + "]";
    }
}
