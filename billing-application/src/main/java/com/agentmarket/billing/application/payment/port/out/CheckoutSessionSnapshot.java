package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.util.Objects;
import java.util.Optional;

/**
 * A Checkout Session as Stripe reports it now.
 *
 * @param clientReferenceId our customer id, as we set it when creating the session
 * @param status {@code open}, {@code complete} or {@code expired}
 * @param customerEmail the address the customer entered at checkout
 */
public record CheckoutSessionSnapshot(String id, Optional<String> clientReferenceId, Optional<StripeCustomerId> customer,
        Optional<StripeSubscriptionId> subscription, String status, boolean livemode, Optional<String> customerEmail) {

    public CheckoutSessionSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientReferenceId, "clientReferenceId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(customerEmail, "customerEmail");
    }
}
