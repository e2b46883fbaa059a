package com.agentmarket.billing.application.shared;

import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.domain.customer.CustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records each Stripe-writing user action before the call and its outcome after it (see {@link BillingAction}), so
 * that no database transaction spans a call to Stripe and a retried action reuses its idempotency key.
 */
@ApplicationScoped
public class ActionJournal {

    private final BillingActionLog log;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    public ActionJournal(BillingActionLog log, InTransaction tx, Clock clock) {
        this.log = log;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected ActionJournal() {
        this(null, null, null);
    }

    /**
     * Inside the caller's transaction: a new pending action, or the one recorded under the same client key. The
     * same client key for a different request is refused.
     */
    public BillingAction begin(CustomerId customer, BillingAction.Kind kind, Optional<String> clientKey, String fingerprint) {
        BillingAction action = log.begin(new BillingAction(UUID.randomUUID().toString(), customer, kind, clientKey,
                fingerprint, BillingAction.State.PENDING, Optional.empty(), Optional.empty(), clock.now(), Optional.empty()));
        if (!action.fingerprint().equals(fingerprint)) {
            throw new BillingRejection(BillingRejection.Reason.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request.");
        }
        return action;
    }

    /**
     * Calls Stripe for the action, outside any transaction. When Stripe refuses the request the action is recorded
     * as failed and the refusal passed on; when Stripe is unavailable the action stays pending for a retry.
     */
    public <R> R call(BillingAction action, Supplier<R> stripeCall) {
        try {
            return stripeCall.get();
        } catch (PaymentGatewayException.Rejected rejected) {
            tx.call(() -> {
                log.failed(action.idempotencyKey(), rejected.getMessage(), clock.now());
                return null;
            });
            throw rejected;
        }
    }

    /**
     * Inside the caller's transaction: Stripe took the call but its outcome is a refusal (a charge declined), so the
     * action is over, failed.
     */
    public void failed(BillingAction action, String reason) {
        log.failed(action.idempotencyKey(), reason, clock.now());
    }

    /** The action of this kind the caller made under its client key, if any. */
    public Optional<BillingAction> recorded(CustomerId customer, BillingAction.Kind kind, String clientKey) {
        return log.find(customer, kind, clientKey);
    }

    /** Inside the caller's transaction: the action succeeded with this result. */
    public void succeeded(BillingAction action, Optional<String> resultReference, Optional<String> resultUrl) {
        log.succeeded(action.idempotencyKey(), resultReference, resultUrl, clock.now());
    }
}
