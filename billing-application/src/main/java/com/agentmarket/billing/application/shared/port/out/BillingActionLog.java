package com.agentmarket.billing.application.shared.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The recorded Stripe-writing actions (see {@link BillingAction}). */
public interface BillingActionLog {

    /**
     * Records a new pending action, or returns the one already recorded for the same customer, kind and client key.
     * Two concurrent callers with the same client key get the same action: exactly one of them inserts it.
     */
    BillingAction begin(BillingAction proposed);

    /** The newest action of the kind with this fingerprint, created at or after {@code since}. */
    Optional<BillingAction> latest(CustomerId customer, BillingAction.Kind kind, String fingerprint, Instant since);

    void succeeded(String idempotencyKey, Optional<String> resultReference, Optional<String> resultUrl, Instant at);

    void failed(String idempotencyKey, String reason, Instant at);

    /** The action of this kind recorded under the client key, if any. */
    Optional<BillingAction> find(CustomerId customer, BillingAction.Kind kind, String clientKey);

    /**
     * The customer's checkout attempts created at or after {@code since} whose session may still be open: they
     * succeeded and we have not recorded how the session ended.
     */
    List<BillingAction> openCheckouts(CustomerId customer, Instant since);

    /** Records, with the checkout attempt, how its session ended. */
    void closeCheckout(String idempotencyKey, BillingAction.Closure closure, Instant at);

    /** The checkout attempt of the customer that created this session, if this service created it. */
    Optional<BillingAction> findCheckout(CustomerId customer, String sessionId);
}
