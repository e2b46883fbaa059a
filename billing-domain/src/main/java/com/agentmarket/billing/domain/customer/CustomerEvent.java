package com.agentmarket.billing.domain.customer;

import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;

/** What happened to a customer: each of {@link Customer}'s operations that changes something says what, by one of these. */
public sealed interface CustomerEvent {

    /** Seen for the first time: not stored yet. */
    record Registered(CustomerId customer) implements CustomerEvent {
    }

    /** The e-mail address changed (the identity provider's claim, or Stripe's when we had none). */
    record EmailChanged(CustomerId customer, Email email) implements CustomerEvent {
    }

    record StripeCustomerLinked(CustomerId customer, StripeCustomerId stripeCustomer) implements CustomerEvent {
    }

    /** The subscription that decides the plan is another one now. */
    record SubscriptionFollowed(CustomerId customer, StripeSubscriptionId subscription) implements CustomerEvent {
    }

    /** The account was suspended, or its suspension changed (a later failed invoice, an operator taking it over). */
    record Suspended(CustomerId customer, Suspension suspension) implements CustomerEvent {
    }

    record SuspensionLifted(CustomerId customer, Suspension.Reason reason) implements CustomerEvent {
    }
}
