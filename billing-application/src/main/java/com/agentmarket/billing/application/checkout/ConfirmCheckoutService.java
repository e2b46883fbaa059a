package com.agentmarket.billing.application.checkout;

import com.agentmarket.billing.application.checkout.port.in.ConfirmCheckout;
import com.agentmarket.billing.application.payment.port.out.CheckoutSessionSnapshot;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.subscription.SubscriptionSync;
import com.agentmarket.billing.application.subscription.port.in.GetMySubscription;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.customer.CustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;

@ApplicationScoped
class ConfirmCheckoutService implements ConfirmCheckout {

    private static final Pattern SESSION_ID = Pattern.compile("cs_[A-Za-z0-9_]{1,250}");

    private final PaymentGateway gateway;
    private final SubscriptionSync sync;
    private final CheckoutAttempts attempts;
    private final GetMySubscription mySubscription;
    private final InTransaction tx;

    @Inject
    ConfirmCheckoutService(PaymentGateway gateway, SubscriptionSync sync, CheckoutAttempts attempts,
            GetMySubscription mySubscription, InTransaction tx) {
        this.gateway = gateway;
        this.sync = sync;
        this.attempts = attempts;
        this.mySubscription = mySubscription;
        this.tx = tx;
    }

    /** For CDI's client proxy. */
    protected ConfirmCheckoutService() {
        this(null, null, null, null, null);
    }

    @Override
    public SubscriptionView confirm(CustomerId caller, String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new BillingRejection(BillingRejection.Reason.NOT_FOUND, "No such checkout session.");
        }
        CheckoutSessionSnapshot session = gateway.checkoutSession(sessionId)
                .filter(found -> tx.call(() -> attempts.verifiedOwner(found)).equals(Optional.of(caller)))
                .orElseThrow(() -> new BillingRejection(BillingRejection.Reason.NOT_FOUND, "No such checkout session."));
        session.subscription().ifPresent(subscription -> sync.syncFromStripe(subscription, Optional.of(caller)));
        return mySubscription.mySubscription(caller);
    }
}
