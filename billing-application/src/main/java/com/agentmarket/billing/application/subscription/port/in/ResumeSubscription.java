package com.agentmarket.billing.application.subscription.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;
import java.util.Optional;

/**
 * Keeps the caller's subscription going: undoes a scheduled cancellation ({@code cancel_at_period_end=false}), or,
 * for a paused subscription, resumes it with Stripe's resume call. A subscription with nothing to undo is answered
 * as it is.
 */
public interface ResumeSubscription {

    SubscriptionView resume(CustomerId caller, Optional<String> clientKey);
}
