package com.agentmarket.billing.application.shared.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One user action that writes to Stripe, recorded before the call. Its {@code idempotencyKey} goes with every
 * attempt of that call, so a retry of the action can never create a second customer, session or change in Stripe,
 * while a new action always gets a key of its own.
 *
 * @param clientKey the caller's {@code Idempotency-Key} header, when it sent one
 * @param fingerprint what was asked, so a client key reused for a different request is recognised
 * @param resultReference what Stripe created or changed (a session or subscription id), once succeeded
 * @param resultUrl the URL to send the customer to (checkout, portal), once succeeded
 * @param closure for a checkout attempt, how its session ended once we learnt it
 */
public record BillingAction(String idempotencyKey, CustomerId customer, Kind kind, Optional<String> clientKey,
        String fingerprint, State state, Optional<String> resultReference, Optional<String> resultUrl,
        Instant createdAt, Optional<Closure> closure) {

    public enum Kind {
        CREATE_CUSTOMER,
        CHECKOUT,
        CANCEL,
        RESUME,
        PORTAL,
        /** Ending a second live subscription of a customer. */
        CANCEL_DUPLICATE,
        /** Giving back what a second live subscription charged. */
        REFUND_DUPLICATE,
        /** Moving the subscription to a more expensive tier now, the proration charged at once. */
        UPGRADE,
        /** Putting the subscription under a schedule, to change its plan at the end of the period. */
        CREATE_SCHEDULE,
        /** Giving the schedule its next phase: the cheaper tier from the end of the period. */
        SCHEDULE_DOWNGRADE,
        /** Releasing the schedule, which drops a pending downgrade: the plan stays as it is. */
        RELEASE_SCHEDULE,
        /** Turning Stripe Tax on for a subscription bought before it was, ahead of an upgrade's proration invoice. */
        ENABLE_TAX
    }

    /** How a checkout session ended, when we learnt it. */
    public enum Closure {
        /** We expired it (or found it expired): it can no longer be paid. */
        EXPIRED,
        /** It was paid. */
        COMPLETE
    }

    public enum State {
        /** Recorded; the Stripe call has not (yet) succeeded. A retry reuses the key. */
        PENDING,
        SUCCEEDED,
        /** Stripe refused the request; the action is over. */
        FAILED
    }

    public BillingAction {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(resultReference, "resultReference");
        Objects.requireNonNull(resultUrl, "resultUrl");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(closure, "closure");
    }

    public boolean succeeded() {
        return state == State.SUCCEEDED;
    }
}
