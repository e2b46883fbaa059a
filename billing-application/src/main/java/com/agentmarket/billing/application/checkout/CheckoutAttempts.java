package com.agentmarket.billing.application.checkout;

import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.domain.customer.CustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Which completed checkout sessions may link a Stripe customer and subscription to one of our customers: only a
 * session this service created for that customer (every attempt is recorded), or one whose own metadata names the
 * same customer. A session's {@code client_reference_id} alone proves nothing: a Payment Link takes it from whoever
 * opens the link.
 */
@ApplicationScoped
public class CheckoutAttempts {

    private final BillingActionLog actions;

    @Inject
    public CheckoutAttempts(BillingActionLog actions) {
        this.actions = actions;
    }

    /** For CDI's client proxy. */
    protected CheckoutAttempts() {
        this(null);
    }

    /** Inside the caller's transaction: the customer the session may be linked to, if any. */
    public Optional<CustomerId> verifiedOwner(CheckoutSessionSnapshot session) {
        return session.clientReferenceId()
                .filter(claimed -> session.customerIdMetadata().equals(Optional.of(claimed))
                        || actions.findCheckout(new CustomerId(claimed), session.id()).isPresent())
                .map(CustomerId::new);
    }
}
