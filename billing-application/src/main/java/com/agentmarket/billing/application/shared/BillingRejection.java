package com.agentmarket.billing.application.shared;

import java.util.Objects;

/** A request the billing rules refuse, with a reason clients can rely on and a message people can read. */
public class BillingRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why; the REST edge turns each into a stable problem type. */
    public enum Reason {
        UNKNOWN_PRICE,
        REDIRECT_NOT_ALLOWED,
        ALREADY_SUBSCRIBED,
        /** A plan change needs a paid subscription: a customer on Free buys through checkout. */
        NOT_SUBSCRIBED,
        /** An upgrade waits for its payment: no other change until it is paid or expires. */
        CHANGE_PENDING,
        /** The subscription ends at the period's end: a downgrade then would never apply. */
        CANCELLATION_SCHEDULED,
        /** The card was declined for a charge the request needed; nothing changed. */
        PAYMENT_DECLINED,
        NOT_FOUND,
        NOT_RESUMABLE,
        IDEMPOTENCY_KEY_REUSED,
        /** Billing Meters only add up events: usage cannot be set to a total. */
        SET_NOT_SUPPORTED,
        /** Stripe accepts meter events from 35 days back to 5 minutes ahead only. */
        TIMESTAMP_OUT_OF_RANGE,
        /** The service lacks configuration this request needs (an operator's to fix, not the caller's). */
        NOT_CONFIGURED
    }

    private final Reason reason;

    public BillingRejection(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
