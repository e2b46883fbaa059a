package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Checkout Session as Stripe reports it now.
 *
 * @param clientReferenceId our customer id, as we set it when creating the session
 * @param status {@code open}, {@code complete} or {@code expired}
 * @param customerEmail the address the customer entered at checkout
 * @param customerIdMetadata our customer id in the session's {@code metadata}, which only the account (we) can set,
 *        unlike {@code client_reference_id}, which a Payment Link takes from whoever opens it
 * @param created when Stripe created it: of two open sessions of a customer, the later one is the one to keep
 */
public record CheckoutSessionSnapshot(String id, Optional<String> clientReferenceId, Optional<StripeCustomerId> customer,
        Optional<StripeSubscriptionId> subscription, String status, boolean livemode, Optional<String> customerEmail,
        Optional<String> customerIdMetadata, Instant created) {

    public CheckoutSessionSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientReferenceId, "clientReferenceId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(customerEmail, "customerEmail");
        Objects.requireNonNull(customerIdMetadata, "customerIdMetadata");
        Objects.requireNonNull(created, "created");
    }

    /** Whether this session was created before the other (the id decides between two of the same second). */
    public boolean createdBefore(CheckoutSessionSnapshot other) {
        return created.isBefore(other.created) || (created.equals(other.created) && id.compareTo(other.id) < 0);
    }

    public boolean isComplete() {
        return status.equals("complete");
    }

    public boolean isExpired() {
        return status.equals("expired");
    }
}
