package com.agentmarket.billing.domain.customer;

import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final Optional<Suspension> suspension;
    private final long version;
    private final List<CustomerEvent> changes;

    private Customer(CustomerId id, Optional<Email> email, Optional<StripeCustomerId> stripeCustomerId,
            Optional<StripeSubscriptionId> stripeSubscriptionId, Optional<Suspension> suspension, long version,
            List<CustomerEvent> changes) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.stripeCustomerId = Objects.requireNonNull(stripeCustomerId, "stripeCustomerId");
        this.stripeSubscriptionId = Objects.requireNonNull(stripeSubscriptionId, "stripeSubscriptionId");
        this.suspension = Objects.requireNonNull(suspension, "suspension");
        DomainViolation.require(version >= 0, "version must not be negative");
        this.version = version;
        this.changes = List.copyOf(changes);
    }

    /** This customer changed as {@code event} says: the new state, with the event added to its changes. */
    private Customer changed(Optional<Email> newEmail, Optional<StripeCustomerId> newStripeCustomer,
            Optional<StripeSubscriptionId> newSubscription, Optional<Suspension> newSuspension, CustomerEvent event) {
        List<CustomerEvent> all = new ArrayList<>(changes);
        all.add(event);
        return new Customer(id, newEmail, newStripeCustomer, newSubscription, newSuspension, version, all);
    }

    /** A customer seen for the first time: active, on no subscription, not yet known to Stripe. */
    public static Customer register(CustomerId id, Optional<Email> email) {
        return new Customer(id, email, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                List.of(new CustomerEvent.Registered(id)));
    }

    /** Rebuilds a stored customer. */
    public static Customer reconstitute(CustomerId id, Optional<Email> email, Optional<StripeCustomerId> stripeCustomerId,
            Optional<StripeSubscriptionId> stripeSubscriptionId, Optional<Suspension> suspension, long version) {
        return new Customer(id, email, stripeCustomerId, stripeSubscriptionId, suspension, version, List.of());
    }

    /** Keeps the address the identity provider vouches for; an absent claim leaves the known address alone. */
    public Customer withEmail(Optional<Email> claimed) {
        if (claimed.isEmpty() || claimed.equals(email)) {
            return this;
        }
        return changed(claimed, stripeCustomerId, stripeSubscriptionId, suspension,
                new CustomerEvent.EmailChanged(id, claimed.get()));
    }

    /** Takes the address Stripe knows (from checkout or an invoice) when the token never gave us one. */
    public Customer withEmailIfUnknown(Optional<Email> fromStripe) {
        return email.isPresent() || fromStripe.isEmpty() ? this : withEmail(fromStripe);
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
                : changed(email, Optional.of(stripeId), stripeSubscriptionId, suspension,
                        new CustomerEvent.StripeCustomerLinked(id, stripeId));
    }

    /** Points at the Stripe subscription that currently decides the customer's plan. */
    public Customer followSubscription(StripeSubscriptionId subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        return stripeSubscriptionId.equals(Optional.of(subscriptionId)) ? this
                : changed(email, stripeCustomerId, Optional.of(subscriptionId), suspension,
                        new CustomerEvent.SubscriptionFollowed(id, subscriptionId));
    }

    /**
     * Suspends the account because {@code failed} was not paid, unless that failure is already settled: an operator's
     * suspension stays as it is, and a suspension for a later failed invoice is kept. {@code latestPaid} is the
     * customer's latest paid invoice we know of: if it settles the failure (see {@link #paymentSucceeded}), whatever
     * order Stripe's events came in, nothing is suspended.
     */
    public Customer suspendForFailedPayment(Suspension.InvoiceRef failed, Optional<Suspension.InvoiceRef> latestPaid,
            Instant now) {
        if (latestPaid.filter(paid -> settles(paid, failed)).isPresent()) {
            return this;
        }
        if (suspension.isPresent()) {
            Suspension current = suspension.get();
            boolean keepCurrent = current.reason() == Suspension.Reason.OPERATOR
                    || current.failedInvoice().filter(known -> !known.created().isBefore(failed.created())).isPresent();
            if (keepCurrent) {
                return this;
            }
        }
        Suspension byPayment = new Suspension(Suspension.Reason.PAYMENT_FAILED,
                suspension.map(Suspension::since).orElse(now), Optional.of(failed), Optional.empty());
        return suspension.equals(Optional.of(byPayment)) ? this
                : changed(email, stripeCustomerId, stripeSubscriptionId, Optional.of(byPayment),
                        new CustomerEvent.Suspended(id, byPayment));
    }

    /**
     * Lifts a payment suspension when {@code paid} settles the failed invoice: it is that invoice or a later one of
     * the same subscription, or an invoice of the subscription the customer follows now, bought after the failed
     * one (a customer whose failed subscription ended and who pays for a new one is not held to the old debt here).
     * Anything else stays as it is.
     */
    public Customer paymentSucceeded(Suspension.InvoiceRef paid) {
        boolean settled = suspension.flatMap(Suspension::failedInvoice).filter(failed -> settles(paid, failed)).isPresent();
        return settled ? lifted() : this;
    }

    /**
     * No invoice is left unpaid on any subscription that is still live: a payment suspension has nothing left to
     * wait for and lifts (an operator's stays).
     */
    public Customer noInvoiceLeftUnpaid() {
        boolean byPayment = suspension.map(Suspension::reason).filter(Suspension.Reason.PAYMENT_FAILED::equals).isPresent();
        return byPayment ? lifted() : this;
    }

    private boolean settles(Suspension.InvoiceRef paid, Suspension.InvoiceRef failed) {
        boolean onTheCurrentNewerSubscription = stripeSubscriptionId.equals(Optional.of(paid.subscription()))
                && !paid.subscription().equals(failed.subscription()) && paid.created().isAfter(failed.created());
        return paid.settles(failed) || onTheCurrentNewerSubscription;
    }

    /** An operator suspends the account; it replaces a payment suspension, which the operator now owns. */
    public Customer suspendByOperator(String note, Instant now) {
        DomainViolation.require(note != null && !note.isBlank() && note.length() <= 500,
                "a suspension needs a reason of at most 500 characters");
        Suspension byOperator = new Suspension(Suspension.Reason.OPERATOR, suspension.map(Suspension::since).orElse(now),
                Optional.empty(), Optional.of(note));
        return suspension.equals(Optional.of(byOperator)) ? this
                : changed(email, stripeCustomerId, stripeSubscriptionId, Optional.of(byOperator),
                        new CustomerEvent.Suspended(id, byOperator));
    }

    /** An operator lifts any suspension. */
    public Customer reinstate() {
        return suspension.isEmpty() ? this : lifted();
    }

    private Customer lifted() {
        return changed(email, stripeCustomerId, stripeSubscriptionId, Optional.empty(),
                new CustomerEvent.SuspensionLifted(id, suspension.orElseThrow().reason()));
    }

    /**
     * What happened to this customer since it was registered or read from its repository, in order; empty when
     * nothing did, so there is nothing to store.
     */
    public List<CustomerEvent> changes() {
        return changes;
    }

    public boolean isSuspended() {
        return suspension.isPresent();
    }

    public Optional<Suspension> suspension() {
        return suspension;
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
        return suspension.isPresent() ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE;
    }

    public long version() {
        return version;
    }

    /** Equal state; what happened on the way ({@link #changes()}) does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Customer that && id.equals(that.id) && email.equals(that.email)
                && stripeCustomerId.equals(that.stripeCustomerId) && stripeSubscriptionId.equals(that.stripeSubscriptionId)
                && suspension.equals(that.suspension) && version == that.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, email, stripeCustomerId, stripeSubscriptionId, suspension, version);
    }

    @Override
    public String toString() {
        return "Customer[" + id + ", " + status() + ", stripe=" + stripeCustomerId.map(Object::toString).orElse("-") + "]";
    }
}
