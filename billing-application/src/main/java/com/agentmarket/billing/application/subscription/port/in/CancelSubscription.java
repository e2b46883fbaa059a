package com.agentmarket.billing.application.subscription.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Optional;

/** Cancels the caller's subscription at the end of the current period (the customer keeps what they paid for). */
public interface CancelSubscription {

    /** @param clientKey the caller's {@code Idempotency-Key}, when sent */
    CancellationScheduled cancelAtPeriodEnd(CustomerId caller, Optional<String> clientKey);

    /** When the subscription will end. */
    record CancellationScheduled(Instant cancelAt) {
    }
}
